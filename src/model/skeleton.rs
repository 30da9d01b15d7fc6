//! The skeleton of a component: what wit-component needs to decode its
//! world, and nothing more.
//!
//! wit-component validates the whole component before it reads the
//! component-level types, so it copies and walks every core module's code
//! and data although the world depends on neither. In a componentize-py
//! binary that is nearly all of 18 MB. The skeleton keeps every section
//! that gives a module its shape (types, imports, functions, tables,
//! memories, globals, exports, start, tags) and replaces each function
//! body with `unreachable`, which is valid at any type. Elements, data,
//! data count and the modules' custom sections go: without code, nothing
//! refers to them. Component-level sections are kept byte for byte (only
//! the lengths of nested sections are written anew), so the decoded world
//! is the same.

use wasmparser::BinaryReader;

use crate::load::Limits;

const CUSTOM: u8 = 0;
const COMPONENT_CORE_MODULE: u8 = 1;
const COMPONENT_COMPONENT: u8 = 4;
const MODULE_ELEMENT: u8 = 9;
const MODULE_CODE: u8 = 10;
const MODULE_DATA: u8 = 11;
const MODULE_DATA_COUNT: u8 = 12;

/// A body with no locals whose only instruction is `unreachable`, after
/// its length prefix.
const UNREACHABLE_BODY: [u8; 4] = [3, 0x00, 0x00, 0x0b];

/// The skeleton of `component`, or `None` when its section framing does
/// not parse or it is over the function limit: the main pass refuses such
/// a binary and says why.
///
/// Nesting costs no native stack: the components being copied are a stack
/// of their own. Each nested section's length is written once its content
/// is, as a padded five-byte LEB128 (valid for any `u32`), so that nothing
/// is copied twice however deep the nesting.
pub(super) fn of_component(component: &[u8], limits: &Limits) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(component.len().min(1 << 20));
    let mut functions_left = limits.max_functions;
    let (header, sections) = split_header(component)?;
    out.extend_from_slice(header);
    // Innermost last: each component's sections still to copy, and where
    // its section length goes (the outermost has none).
    let mut open: Vec<(&[u8], Option<usize>)> = vec![(sections, None)];
    while let Some(top) = open.last_mut() {
        let (sections, length_at) = *top;
        if sections.is_empty() {
            open.pop();
            if let Some(at) = length_at {
                end_section(&mut out, at)?;
            }
            continue;
        }
        let (id, content, rest) = split_section(sections)?;
        top.0 = rest;
        match id {
            COMPONENT_CORE_MODULE => {
                let at = begin_section(&mut out, id);
                module(&mut out, content, &mut functions_left)?;
                end_section(&mut out, at)?;
            }
            COMPONENT_COMPONENT => {
                let at = begin_section(&mut out, id);
                let (header, sections) = split_header(content)?;
                out.extend_from_slice(header);
                open.push((sections, Some(at)));
            }
            _ => section(&mut out, id, content)?,
        }
    }
    Some(out)
}

fn module(out: &mut Vec<u8>, module: &[u8], functions_left: &mut usize) -> Option<()> {
    let (header, mut sections) = split_header(module)?;
    out.extend_from_slice(header);
    while !sections.is_empty() {
        let (id, content, rest) = split_section(sections)?;
        sections = rest;
        match id {
            CUSTOM | MODULE_ELEMENT | MODULE_DATA | MODULE_DATA_COUNT => {}
            MODULE_CODE => {
                let count = BinaryReader::new(content, 0).read_var_u32().ok()? as usize;
                // Every entry takes at least a byte: a larger count is a
                // lie, refused before it is allocated for.
                if count > content.len() {
                    return None;
                }
                *functions_left = functions_left.checked_sub(count)?;
                let mut code = leb(u32::try_from(count).ok()?);
                code.reserve(count * UNREACHABLE_BODY.len());
                for _ in 0..count {
                    code.extend_from_slice(&UNREACHABLE_BODY);
                }
                section(out, id, &code)?;
            }
            _ => section(out, id, content)?,
        }
    }
    Some(())
}

/// The length of a section's length when it is written after its content.
const PADDED_LENGTH: usize = 5;

/// Starts a section whose content follows; its length is a placeholder
/// until [`end_section`].
fn begin_section(out: &mut Vec<u8>, id: u8) -> usize {
    out.push(id);
    let at = out.len();
    out.extend_from_slice(&[0; PADDED_LENGTH]);
    at
}

/// Writes the length of the section whose placeholder is at `at`: all that
/// follows it.
fn end_section(out: &mut [u8], at: usize) -> Option<()> {
    let length = u32::try_from(out.len() - at - PADDED_LENGTH).ok()?;
    out[at..at + PADDED_LENGTH].copy_from_slice(&padded_leb(length));
    Some(())
}

/// `value` as an unsigned LEB128 of exactly five bytes, which any `u32`
/// fits in.
fn padded_leb(mut value: u32) -> [u8; PADDED_LENGTH] {
    let mut bytes = [0x80; PADDED_LENGTH];
    for byte in &mut bytes {
        *byte |= (value & 0x7f) as u8;
        value >>= 7;
    }
    bytes[PADDED_LENGTH - 1] &= 0x7f;
    bytes
}

fn split_header(binary: &[u8]) -> Option<(&[u8], &[u8])> {
    (binary.len() >= 8).then(|| binary.split_at(8))
}

/// The first section of `sections`: its id, its content and the sections
/// after it.
fn split_section(sections: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let mut reader = BinaryReader::new(sections, 0);
    let id = reader.read_u8().ok()?;
    let len = reader.read_var_u32().ok()? as usize;
    let start = reader.current_position();
    let end = start.checked_add(len)?;
    Some((id, sections.get(start..end)?, &sections[end..]))
}

fn section(out: &mut Vec<u8>, id: u8, content: &[u8]) -> Option<()> {
    out.push(id);
    out.extend_from_slice(&leb(u32::try_from(content.len()).ok()?));
    out.extend_from_slice(content);
    Some(())
}

/// Unsigned LEB128, the encoding of every size and count in the binary format.
pub(crate) fn leb(mut value: u32) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(5);
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(byte);
            return bytes;
        }
        bytes.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPONENT_HEADER: &[u8] = b"\0asm\x0d\x00\x01\x00";

    /// Far deeper than wasmparser allows: the skeleton is built before the
    /// main pass refuses it, on a thread whose stack holds no level each.
    #[test]
    fn nesting_costs_no_native_stack() {
        const DEPTH: usize = 100_000;
        let mut binary = COMPONENT_HEADER.to_vec();
        for _ in 1..DEPTH {
            let mut outer = COMPONENT_HEADER.to_vec();
            outer.push(COMPONENT_COMPONENT);
            outer.extend(leb(binary.len() as u32));
            outer.extend(binary);
            binary = outer;
        }
        let skeleton = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || of_component(&binary, &Limits::default()))
            .unwrap()
            .join()
            .unwrap()
            .expect("a skeleton");
        // Each nested section's length is five bytes; the innermost
        // component is its header alone.
        let level = COMPONENT_HEADER.len() + 1 + PADDED_LENGTH;
        assert_eq!(skeleton.len(), (DEPTH - 1) * level + COMPONENT_HEADER.len());
        let mut rest = &skeleton[..];
        for _ in 1..DEPTH {
            let (id, content, after) = split_section(&rest[COMPONENT_HEADER.len()..]).unwrap();
            assert_eq!((id, after.len()), (COMPONENT_COMPONENT, 0));
            rest = content;
        }
        assert_eq!(rest, COMPONENT_HEADER);
    }

    #[test]
    fn a_padded_length_reads_as_its_value() {
        for value in [0, 1, 127, 128, 16_383, 16_384, 1 << 28, u32::MAX] {
            let bytes = padded_leb(value);
            let mut reader = BinaryReader::new(&bytes, 0);
            assert_eq!(reader.read_var_u32().unwrap(), value);
            assert!(reader.eof(), "{value}: {bytes:?}");
        }
    }
}
