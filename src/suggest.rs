//! "Did you mean": the nearest known name to a misspelt one, for every
//! place a user names something wcaudit knows (rules, capability classes,
//! WASI packages, wasmtime flags).

/// The candidate closest to `input`, when it is close enough to be a typo
/// rather than a different name.
pub(crate) fn nearest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::jaro_winkler(&input, &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// ` (did you mean `X`?)`, or nothing.
pub(crate) fn hint<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(input, candidates)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_unrelated_names() {
        let names = ["unreachable-import", "network-access", "stdio"];
        assert_eq!(
            nearest("unreachable-imports", names),
            Some("unreachable-import")
        );
        assert_eq!(nearest("stdoi", names), Some("stdio"));
        assert_eq!(nearest("zzzz", names), None);
    }
}
