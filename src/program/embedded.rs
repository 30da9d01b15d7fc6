//! The program an interpreter component carries, found in the engine's
//! memory image: the active data segments of its core modules, which the
//! toolchains write from a snapshot of the engine's heap after it loaded
//! the program (Wizer for componentize-js and componentize-qjs,
//! component-init for componentize-py).
//!
//! Layouts, per toolchain (as built by the versions in the README):
//! - componentize-js 0.22–0.23 (StarlingMonkey, SpiderMonkey): the module's
//!   source text is kept whole, as SpiderMonkey's `ScriptSource`, in one
//!   run of text; beside it are the binding modules jco generates, one per
//!   imported interface, each `const { … } = import.meta.builtin; export
//!   { … }` — glue, not the program.
//! - componentize-qjs 0.4 (QuickJS-ng): the text the engine was given is
//!   left in a freed heap chunk, whose allocator (dlmalloc, wasm32) wrote
//!   its free-tree links over the first 24 bytes; the rest is verbatim.
//!   The 8 bytes before the text are the chunk's `parent` pointer and tree
//!   `index` (below 32), which is how the damage is recognised and its
//!   length known.
//! - componentize-py 0.25 (CPython 3.14): no source text, only code
//!   objects and the module paths (`/0/app.py`); `heap` reads the code
//!   objects, and a program given is matched to the paths and names the
//!   heap records (`python_program`).
//!
//! A text is the program when it parses as an ES module, is not jco's
//! glue, and exports a name of each interface the component exports.

use super::scan::Scan;

/// Memory images are read up to this many bytes of segments per module.
const MAX_IMAGE: usize = 256 << 20;
/// Texts shorter than this are not looked at as programs.
const MIN_PROGRAM: usize = 16;
/// Candidate texts parsed per component, at most.
const MAX_CANDIDATES: usize = 64;
/// What dlmalloc's free tree chunk overwrites of a freed block on wasm32:
/// `fd`, `bk`, `child[0]`, `child[1]`, `parent`, `index`.
pub(crate) const DLMALLOC_TREE_LINKS: usize = 24;

/// Contiguous runs of a module's initialised memory: (address, bytes).
pub(crate) fn memory_runs(module_bytes: &[u8]) -> Vec<(u64, Vec<u8>)> {
    let mut segments = active_segments(module_bytes);
    segments.sort_by_key(|(offset, _)| *offset);
    let mut runs: Vec<(u64, Vec<u8>)> = Vec::new();
    for (offset, bytes) in segments {
        match runs.last_mut() {
            Some((start, run)) if *start + run.len() as u64 >= offset => {
                // Later segments overwrite earlier ones where they overlap.
                let at = (offset - *start) as usize;
                let end = at + bytes.len();
                if run.len() < end {
                    run.resize(end, 0);
                }
                run[at..end].copy_from_slice(bytes);
            }
            _ => runs.push((offset, bytes.to_vec())),
        }
    }
    runs
}

/// A module's active data segments of memory 0, as (address, bytes), in
/// the module's order, up to [`MAX_IMAGE`] bytes in all.
pub(crate) fn active_segments(module_bytes: &[u8]) -> Vec<(u64, &[u8])> {
    let mut segments: Vec<(u64, &[u8])> = Vec::new();
    let mut total = 0usize;
    for payload in wasmparser::Parser::new(0).parse_all(module_bytes) {
        let Ok(payload) = payload else { break };
        let wasmparser::Payload::DataSection(reader) = payload else {
            continue;
        };
        for data in reader.into_iter().flatten() {
            let wasmparser::DataKind::Active {
                memory_index: 0,
                offset_expr,
            } = data.kind
            else {
                continue;
            };
            let mut ops = offset_expr.get_operators_reader();
            let offset = match ops.read() {
                Ok(wasmparser::Operator::I32Const { value }) => value as u32 as u64,
                Ok(wasmparser::Operator::I64Const { value }) => value as u64,
                _ => continue,
            };
            total += data.data.len();
            if total > MAX_IMAGE {
                break;
            }
            segments.push((offset, data.data));
        }
    }
    segments
}

/// A text found in memory.
#[derive(Clone, Debug)]
pub(crate) struct FoundText {
    pub(crate) address: u64,
    pub(crate) text: String,
    /// Bytes lost at the start, when the text sits in a freed heap chunk
    /// whose allocator links overwrote them.
    pub(crate) lost_prefix: usize,
}

/// Maximal runs of text (printable ASCII, tabs and newlines, and valid
/// UTF-8) that mention `import` or `export`, longest first, at most
/// [`MAX_CANDIDATES`] of them: texts are kept as places in the image until
/// the longest are chosen, so a hostile image of many small texts costs
/// no more than the image.
pub(crate) fn module_texts(runs: &[(u64, Vec<u8>)]) -> Vec<FoundText> {
    // (run, start, end) of each candidate.
    let mut places: Vec<(usize, usize, usize)> = Vec::new();
    for (r, (_, run)) in runs.iter().enumerate() {
        let mut i = 0;
        while i < run.len() {
            if !is_text_byte(run[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < run.len() && is_text_byte(run[i]) {
                i += 1;
            }
            let bytes = &run[start..i];
            if bytes.len() < MIN_PROGRAM
                || !(memchr::memmem::find(bytes, b"export").is_some()
                    || memchr::memmem::find(bytes, b"import").is_some())
            {
                continue;
            }
            places.push((r, start, i));
        }
    }
    places.sort_by(|a, b| {
        (b.2 - b.1)
            .cmp(&(a.2 - a.1))
            .then((a.0, a.1).cmp(&(b.0, b.1)))
    });
    let mut found: Vec<FoundText> = Vec::new();
    for (r, start, end) in places {
        if found.len() == MAX_CANDIDATES {
            break;
        }
        let (base, run) = &runs[r];
        let Ok(text) = std::str::from_utf8(&run[start..end]) else {
            continue;
        };
        if found.iter().any(|f| f.text == text) {
            continue;
        }
        found.push(FoundText {
            address: base + start as u64,
            text: text.to_string(),
            lost_prefix: freed_chunk_damage(&run[..start]),
        });
    }
    found
}

fn is_text_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\r' | 0x20..=0x7e) || b >= 0x80
}

/// Whether the bytes just before a text are a dlmalloc tree chunk's
/// `parent` and `index`, and so how many bytes of the text were lost.
fn freed_chunk_damage(before: &[u8]) -> usize {
    let Some(tail) = before.len().checked_sub(8).map(|s| &before[s..]) else {
        return 0;
    };
    let parent = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    let index = u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]);
    if parent != 0 && parent % 4 == 0 && index < 32 {
        DLMALLOC_TREE_LINKS
    } else {
        0
    }
}

/// Whether a text is one of jco's binding modules.
pub(crate) fn is_binding_glue(text: &str) -> bool {
    text.contains("import.meta.builtin")
}

/// A candidate text that parsed.
pub(crate) struct Parsed {
    pub(crate) found: FoundText,
    /// The text as parsed: for a damaged one, its first line blanked.
    pub(crate) text: String,
    pub(crate) scan: Scan,
}

/// Parses a found text as the program; a text whose start was lost gets
/// its first line blanked (spaces, so that lines and columns stay right).
/// Text bytes that happen to follow the program in memory (the start of
/// the next string) are cut when they form a bare name after the last
/// newline: a name alone, without a call, reaches nothing.
pub(crate) fn parse(mut found: FoundText) -> Option<Parsed> {
    if let Some(newline) = found.text.rfind('\n') {
        let tail = &found.text[newline + 1..];
        if !tail.is_empty()
            && tail.len() <= 64
            && tail
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
        {
            found.text.truncate(newline + 1);
        }
    }
    let text = if found.lost_prefix > 0 {
        let first_line = found.text.find('\n').unwrap_or(found.text.len());
        let mut text = " ".repeat(first_line);
        text.push_str(&found.text[first_line..]);
        text
    } else {
        found.text.clone()
    };
    let scan = super::scan_file(super::Language::JavaScript, &text).ok()?;
    Some(Parsed { found, text, scan })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_small_texts_keep_only_the_longest_candidates() {
        let mut image = Vec::new();
        for i in 0..10_000 {
            image.extend_from_slice(format!("export const a{i} = 1;").as_bytes());
            image.push(0);
        }
        image.extend_from_slice(b"export const theLongestOfAll = 1;\0");
        let found = module_texts(&[(0, image)]);
        assert_eq!(found.len(), MAX_CANDIDATES);
        assert_eq!(found[0].text, "export const theLongestOfAll = 1;");
    }

    #[test]
    fn a_freed_dlmalloc_chunk_is_recognised_by_its_tree_links() {
        assert_eq!(freed_chunk_damage(b"\x1c\x55\x12\x00\x04\x00\x00\x00"), 24);
        // Not a pointer (not 4-aligned), or an index past dlmalloc's 32 bins.
        assert_eq!(freed_chunk_damage(b"\x1d\x55\x12\x00\x04\x00\x00\x00"), 0);
        assert_eq!(freed_chunk_damage(b"\x1c\x55\x12\x00\x40\x00\x00\x00"), 0);
        assert_eq!(freed_chunk_damage(b"\x04\x00"), 0);
    }
}
