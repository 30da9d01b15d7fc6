//! The fuzz targets' minimized corpora (testdata/fuzz/<target>/, written
//! by scripts/fuzz.sh), replayed on stable Rust through the same entry
//! points the targets call: whatever once found new code or a crash must
//! still go through without a panic.

use crate::fuzzing::{self, Outcome};

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("testdata/fuzz/{target}");
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path.display().to_string(), bytes)
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{dir} is empty");
    inputs
}

/// Runs `entry` on every input of `target`, naming the input that panics.
fn replay<T>(target: &str, entry: impl Fn(&[u8]) -> T) -> Vec<T> {
    corpus(target)
        .into_iter()
        .map(|(name, bytes)| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| entry(&bytes)))
                .unwrap_or_else(|_| panic!("{name} panics"))
        })
        .collect()
}

#[test]
fn check_bytes_corpus() {
    let outcomes = replay("check_bytes", fuzzing::check_bytes);
    // The corpus keeps both sides: inputs audited and inputs refused.
    assert!(outcomes.iter().any(|o| matches!(o, Outcome::Audited(_))));
    assert!(outcomes.iter().any(|o| matches!(o, Outcome::Refused(_))));
}

#[test]
fn check_generated_corpus() {
    let outcomes = replay("check_generated", fuzzing::check_generated);
    let audited = outcomes
        .iter()
        .filter(|o| matches!(o, Some(Outcome::Audited(_))))
        .count();
    assert!(
        audited * 2 > outcomes.len(),
        "{audited} of {}",
        outcomes.len()
    );
}

#[test]
fn wit_text_corpus() {
    let outcomes = replay("wit_text", fuzzing::wit_text);
    assert!(outcomes.iter().any(|o| matches!(o, Outcome::Audited(_))));
}

#[test]
fn config_text_corpus() {
    let outcomes = replay("config_text", fuzzing::config_text);
    assert!(outcomes.iter().any(|o| matches!(o, Outcome::Audited(_))));
}

#[cfg(feature = "replay")]
#[test]
fn replay_generated_corpus() {
    let outcomes = replay("replay_generated", fuzzing::replay_generated);
    assert!(outcomes.iter().any(Option::is_some));
}

/// The generators reach what the generated targets are for: every shape,
/// and components under the async-callback and async-stackful ABIs.
#[test]
fn generators_cover_every_shape_and_the_async_abis() {
    use crate::fuzzing::{Shape, fuzz_limits, generate_for_tests};
    let mut seen = std::collections::BTreeSet::new();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..120 {
        let data: Vec<u8> = (0..2048)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let Ok((shape, binary)) = generate_for_tests(&mut arbitrary::Unstructured::new(&data))
        else {
            continue;
        };
        seen.insert(format!("{shape:?}"));
        if shape == Shape::WorldComponentWithCode {
            let loaded = crate::load::identify(
                "g.wasm".into(),
                std::path::Path::new("g.wasm"),
                binary.into(),
            )
            .unwrap();
            if let Ok(crate::model::Model::Binary(model)) =
                crate::model::build(&loaded, &fuzz_limits())
            {
                seen.extend(model.features.iter().map(|f| f.to_string()));
            }
        }
    }
    for expected in [
        "CoreModule",
        "SmithComponent",
        "WorldComponent",
        "WorldComponentWithCode",
        "cm_async",
        "cm_async_stackful",
    ] {
        assert!(
            seen.contains(expected),
            "{expected} never generated: {seen:?}"
        );
    }
}
