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
//! refers to them. Component-level sections are kept byte for byte, so
//! the decoded world is the same.

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
/// not parse or it is over the nesting or function limit: the main pass
/// refuses such a binary and says why.
pub(super) fn of_component(component: &[u8], limits: &Limits) -> Option<Vec<u8>> {
    let mut shrinking = Shrinking {
        out: Vec::with_capacity(component.len().min(1 << 20)),
        max_nesting: limits.max_nesting,
        functions_left: limits.max_functions,
    };
    shrinking.component(component, 0)?;
    Some(shrinking.out)
}

struct Shrinking {
    out: Vec<u8>,
    max_nesting: u32,
    functions_left: usize,
}

impl Shrinking {
    fn component(&mut self, component: &[u8], depth: u32) -> Option<()> {
        if depth > self.max_nesting {
            return None;
        }
        let (header, sections) = split_header(component)?;
        self.out.extend_from_slice(header);
        for_each_section(sections, |id, content| match id {
            COMPONENT_CORE_MODULE => self.nested(id, |s| s.module(content)),
            COMPONENT_COMPONENT => self.nested(id, |s| s.component(content, depth + 1)),
            _ => section(&mut self.out, id, content),
        })
    }

    /// Writes a section whose content `shrink` writes, with its length.
    fn nested(&mut self, id: u8, shrink: impl FnOnce(&mut Self) -> Option<()>) -> Option<()> {
        let outer = std::mem::take(&mut self.out);
        let shrunk = shrink(self);
        let inner = std::mem::replace(&mut self.out, outer);
        shrunk?;
        section(&mut self.out, id, &inner)
    }

    fn module(&mut self, module: &[u8]) -> Option<()> {
        let (header, sections) = split_header(module)?;
        self.out.extend_from_slice(header);
        for_each_section(sections, |id, content| match id {
            CUSTOM | MODULE_ELEMENT | MODULE_DATA | MODULE_DATA_COUNT => Some(()),
            MODULE_CODE => {
                let count = BinaryReader::new(content, 0).read_var_u32().ok()? as usize;
                // Every entry takes at least a byte: a larger count is a
                // lie, refused before it is allocated for.
                if count > content.len() {
                    return None;
                }
                self.functions_left = self.functions_left.checked_sub(count)?;
                let mut code = leb(u32::try_from(count).ok()?);
                code.reserve(count * UNREACHABLE_BODY.len());
                for _ in 0..count {
                    code.extend_from_slice(&UNREACHABLE_BODY);
                }
                section(&mut self.out, id, &code)
            }
            _ => section(&mut self.out, id, content),
        })
    }
}

fn split_header(binary: &[u8]) -> Option<(&[u8], &[u8])> {
    (binary.len() >= 8).then(|| binary.split_at(8))
}

fn for_each_section(
    mut sections: &[u8],
    mut visit: impl FnMut(u8, &[u8]) -> Option<()>,
) -> Option<()> {
    while !sections.is_empty() {
        let mut reader = BinaryReader::new(sections, 0);
        let id = reader.read_u8().ok()?;
        let len = reader.read_var_u32().ok()? as usize;
        let start = reader.current_position();
        let content = sections.get(start..start.checked_add(len)?)?;
        visit(id, content)?;
        sections = &sections[start + len..];
    }
    Some(())
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
