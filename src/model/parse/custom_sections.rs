//! Custom sections: names, producers and where the declared world is.

use wasmparser::KnownCustom;

use super::{Builder, Frame};
use crate::model::Producer;
use crate::model::symbol::FuncName;

impl Builder<'_> {
    /// Names and producers. A malformed custom section is not an input
    /// error (validators ignore custom sections too); it is noted.
    pub(super) fn custom_section(&mut self, section: &wasmparser::CustomSectionReader<'_>) {
        let node = match self.stack.last() {
            Some(Frame::Component { node, .. } | Frame::Module { node, .. }) => *node,
            None => return,
        };
        if node == 0
            && self.declared_section.is_none()
            && section.name().starts_with("component-type")
            && matches!(self.stack.last(), Some(Frame::Component { .. }))
        {
            let start = usize::try_from(section.data_offset()).ok();
            let end = usize::try_from(section.range().end).ok();
            self.declared_section = start.zip(end).map(|(start, end)| start..end);
        }
        let result: wasmparser::Result<()> = (|| {
            match section.as_known() {
                KnownCustom::Producers(reader) => {
                    for field in reader {
                        let field = field?;
                        for value in field.values {
                            let value = value?;
                            self.tree[node].producers.push(Producer {
                                field: field.name.to_string(),
                                name: value.name.to_string(),
                                version: value.version.to_string(),
                            });
                        }
                    }
                }
                KnownCustom::Name(reader) => {
                    let Some(Frame::Module { module, .. }) = self.stack.last() else {
                        return Ok(());
                    };
                    let module = *module;
                    for name in reader {
                        match name? {
                            wasmparser::Name::Module { name, .. } => {
                                self.tree[node].name.get_or_insert_with(|| name.to_string());
                            }
                            wasmparser::Name::Function(map) => {
                                let names = &mut self.modules[module].func_names;
                                for naming in map {
                                    let naming = naming?;
                                    names.push((naming.index, FuncName::new(naming.name)));
                                }
                                names.sort_by_key(|(i, _)| *i);
                                names.dedup_by_key(|(i, _)| *i);
                            }
                            _ => {}
                        }
                    }
                }
                KnownCustom::ComponentName(reader) => {
                    let Some(Frame::Component { def, .. }) = self.stack.last() else {
                        return Ok(());
                    };
                    let def = *def;
                    for name in reader {
                        match name? {
                            wasmparser::ComponentName::Component { name, .. } => {
                                self.tree[node].name = Some(name.to_string());
                            }
                            wasmparser::ComponentName::CoreModules(map) => {
                                for naming in map {
                                    let naming = naming?;
                                    if let Some(child) =
                                        self.components[def].module_node(naming.index, &self.tree)
                                    {
                                        self.tree[child].name = Some(naming.name.to_string());
                                    }
                                }
                            }
                            // A composition names its instances (`let guest =
                            // new …` in wac) more often than its components:
                            // an unnamed component takes the name of its
                            // first named instance.
                            wasmparser::ComponentName::Instances(map) => {
                                let instantiated = self.components[def].instantiated_components();
                                for naming in map {
                                    let naming = naming?;
                                    let Some(&component) = instantiated.get(&naming.index) else {
                                        continue;
                                    };
                                    if let Some(child) = self.components[def]
                                        .component_node(component, &self.components)
                                        && self.tree[child].name.is_none()
                                    {
                                        self.tree[child].name = Some(naming.name.to_string());
                                    }
                                }
                            }
                            wasmparser::ComponentName::Components(map) => {
                                for naming in map {
                                    let naming = naming?;
                                    if let Some(child) = self.components[def]
                                        .component_node(naming.index, &self.components)
                                    {
                                        self.tree[child].name = Some(naming.name.to_string());
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            Ok(())
        })();
        if let Err(e) = result {
            self.notes.push(format!(
                "custom section `{}` is malformed and was ignored: {} (at byte offset {:#x})",
                section.name(),
                e.message(),
                e.offset()
            ));
        }
    }
}
