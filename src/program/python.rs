//! Python programs, parsed by ruff's parser and read into a [`Scan`]:
//! the modules imported (componentize-py binds a WIT interface to
//! `wit_world.imports.<interface>`), every name and attribute referred to,
//! the loops and comprehensions around each, and the constructs that
//! reach names the text does not show (`getattr` with a computed name,
//! `eval`, `__import__`).

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Number, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::scan::{
    Constants, Context, LENGTH_DEPTH, Lines, MAX_LENGTH, ModuleImport, Recorder, Recording,
    Reference, Scan, SyntaxError,
};

pub(crate) fn scan(text: &str) -> Result<Scan, SyntaxError> {
    let lines = Lines::of(text);
    let parsed = ruff_python_parser::parse_module(text)
        .map_err(|e| SyntaxError::at(&lines, e.location.start().to_u32(), e.error.to_string()))?;
    let module = parsed.syntax();
    let mut reader = Reader {
        assigning: Vec::new(),
        recorder: Recorder {
            lines,
            scan: Scan::default(),
            context: Context::default(),
        },
        constants: Constants::default(),
    };
    for statement in &module.body {
        if let Stmt::Assign(assign) = statement
            && let [Expr::Name(target)] = assign.targets.as_slice()
            && let Some(n) = reader.length(&assign.value, LENGTH_DEPTH)
        {
            reader.constants.assign(target.id.as_str(), n);
        }
    }
    for statement in &module.body {
        match statement {
            Stmt::FunctionDef(f) => reader.recorder.scan.definitions.push(f.name.id.to_string()),
            Stmt::ClassDef(c) => {
                reader.recorder.scan.definitions.push(c.name.id.to_string());
                for inner in &c.body {
                    if let Stmt::FunctionDef(f) = inner {
                        reader.recorder.scan.definitions.push(f.name.id.to_string());
                    }
                }
            }
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    if let Expr::Name(name) = target {
                        reader.recorder.scan.definitions.push(name.id.to_string());
                    }
                }
            }
            _ => {}
        }
        reader.visit_stmt(statement);
    }
    Ok(reader.recorder.scan)
}

struct Reader {
    /// Names being assigned by the statement being read, already recorded.
    assigning: Vec<String>,
    recorder: Recorder,
    constants: Constants<u64>,
}

impl Reader {
    fn at(&self, range: TextRange) -> super::scan::Position {
        self.recorder.lines.position(range.start().to_u32())
    }

    /// The number of elements iterating over `expr` visits, when the text
    /// fixes it: literals, `range(…)` with literal bounds, comprehensions
    /// without conditions over such, `+` and `*` of those, `enumerate`,
    /// and constants naming one.
    fn length(&self, expr: &Expr, depth: u32) -> Option<u64> {
        let depth = depth.checked_sub(1)?;
        let n = match expr {
            Expr::List(list) => self.elements(&list.elts, depth)?,
            Expr::Tuple(tuple) => self.elements(&tuple.elts, depth)?,
            Expr::Set(_) => return None, // duplicates collapse
            Expr::Name(name) => *self.constants.get(name.id.as_str())?,
            Expr::ListComp(comp) => self.comprehension(&comp.generators, depth)?,
            Expr::Generator(comp) => self.comprehension(&comp.generators, depth)?,
            Expr::BinOp(op) => {
                let (left, right) = (&op.left, &op.right);
                match op.op {
                    Operator::Add => self
                        .length(left, depth)?
                        .checked_add(self.length(right, depth)?)?,
                    Operator::Mult => match (self.length(left, depth), integer(right)) {
                        (Some(n), Some(k)) => n.checked_mul(k)?,
                        _ => self.length(right, depth)?.checked_mul(integer(left)?)?,
                    },
                    _ => return None,
                }
            }
            Expr::Call(call) => {
                let Expr::Name(function) = &*call.func else {
                    return None;
                };
                if !call.arguments.keywords.is_empty() {
                    return None;
                }
                let args = &call.arguments.args;
                match (function.id.as_str(), args.len()) {
                    ("range", 1) => integer(&args[0])?,
                    ("range", 2) => integer(&args[1])?.saturating_sub(integer(&args[0])?),
                    ("range", 3) => {
                        let (start, stop, step) =
                            (integer(&args[0])?, integer(&args[1])?, integer(&args[2])?);
                        if step == 0 {
                            return None;
                        }
                        stop.saturating_sub(start).div_ceil(step)
                    }
                    ("enumerate" | "list" | "tuple" | "reversed", 1) => {
                        self.length(&args[0], depth)?
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        (n <= MAX_LENGTH).then_some(n)
    }

    fn elements(&self, elements: &[Expr], depth: u32) -> Option<u64> {
        elements.iter().try_fold(0u64, |n, e| match e {
            Expr::Starred(s) => n.checked_add(self.length(&s.value, depth)?),
            _ => n.checked_add(1),
        })
    }

    fn comprehension(&self, generators: &[ast::Comprehension], depth: u32) -> Option<u64> {
        generators.iter().try_fold(1u64, |n, g| {
            if !g.ifs.is_empty() {
                return None;
            }
            n.checked_mul(self.length(&g.iter, depth)?)
        })
    }

    fn comprehension_body(
        &mut self,
        generators: &[ast::Comprehension],
        body: &mut dyn FnMut(&mut Self),
    ) {
        // The first iterable is evaluated outside the comprehension's
        // loops; every generator is a loop inside the one before.
        let Some((first, rest)) = generators.split_first() else {
            return body(self);
        };
        self.visit_expr(&first.iter);
        let trips = self.length(&first.iter, LENGTH_DEPTH);
        self.in_loop(trips, |r| {
            r.visit_expr(&first.target);
            let conditional = !first.ifs.is_empty();
            let mut inner = |r: &mut Self| {
                for cond in &first.ifs {
                    r.visit_expr(cond);
                }
                r.comprehension_body(rest, body)
            };
            if conditional {
                r.conditionally(|r| inner(r))
            } else {
                inner(r)
            }
        });
    }
}

/// Whether an expression makes a built-in value (never a resource).
fn is_literal(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::List(_)
            | Expr::Dict(_)
            | Expr::Set(_)
            | Expr::Tuple(_)
            | Expr::ListComp(_)
            | Expr::DictComp(_)
            | Expr::SetComp(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::FString(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
    )
}

fn integer(expr: &Expr) -> Option<u64> {
    match expr {
        Expr::NumberLiteral(ast::ExprNumberLiteral {
            value: Number::Int(i),
            ..
        }) => i.as_u64(),
        _ => None,
    }
}

fn root_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(name) => Some(name.id.to_string()),
        _ => None,
    }
}

impl Recording for Reader {
    fn recorder(&mut self) -> &mut Recorder {
        &mut self.recorder
    }
}

impl<'a> Visitor<'a> for Reader {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let module = alias.name.id.to_string();
                    // `import a.b.c` binds `a`; `import a.b.c as x` binds x
                    // to the module itself.
                    let local = match &alias.asname {
                        Some(asname) => asname.id.to_string(),
                        None => module.split('.').next().unwrap_or(&module).to_string(),
                    };
                    self.recorder.scan.declared.insert(local.clone());
                    let at = self.at(import.range);
                    self.recorder.scan.imports.push(ModuleImport {
                        module,
                        names: Vec::new(),
                        namespace: Some(local),
                        everything: false,
                        at,
                    });
                }
            }
            Stmt::ImportFrom(from) => {
                let mut module = ".".repeat(from.level as usize);
                if let Some(m) = &from.module {
                    module.push_str(m.id.as_str());
                }
                let at = self.at(from.range);
                let mut import = ModuleImport {
                    module,
                    names: Vec::new(),
                    namespace: None,
                    everything: false,
                    at,
                };
                for alias in &from.names {
                    let name = alias.name.id.to_string();
                    if name == "*" {
                        import.everything = true;
                        continue;
                    }
                    let local = alias
                        .asname
                        .as_ref()
                        .map_or_else(|| name.clone(), |a| a.id.to_string());
                    self.recorder.scan.declared.insert(local.clone());
                    import.names.push((name, local));
                }
                self.recorder.scan.imports.push(import);
            }
            Stmt::FunctionDef(function) => {
                self.recorder
                    .scan
                    .declared
                    .insert(function.name.id.to_string());
                for decorator in &function.decorator_list {
                    self.visit_decorator(decorator);
                }
                let outer = std::mem::take(&mut self.recorder.context);
                self.recorder.context.function = Some(function.name.id.to_string());
                self.visit_parameters(&function.parameters);
                if let Some(returns) = &function.returns {
                    self.visit_annotation(returns);
                }
                self.visit_body(&function.body);
                self.recorder.context = outer;
            }
            Stmt::ClassDef(class) => {
                self.recorder
                    .scan
                    .declared
                    .insert(class.name.id.to_string());
                visitor::walk_stmt(self, stmt);
            }
            Stmt::Assign(assign) => {
                let literal = is_literal(&assign.value);
                let names: Vec<String> = assign
                    .targets
                    .iter()
                    .filter_map(|t| match t {
                        Expr::Name(n) => Some(n.id.to_string()),
                        _ => None,
                    })
                    .collect();
                for name in &names {
                    self.recorder.scan.assigned(name, literal);
                    if let Expr::Call(call) = &*assign.value
                        && let Expr::Name(class) = &*call.func
                    {
                        self.recorder.scan.typed(name, class.id.as_str());
                    }
                }
                self.assigning = names;
                visitor::walk_stmt(self, stmt);
                self.assigning.clear();
            }
            Stmt::For(for_) => {
                self.visit_expr(&for_.iter);
                let trips = self.length(&for_.iter, LENGTH_DEPTH);
                self.in_loop(trips, |r| {
                    r.visit_expr(&for_.target);
                    r.visit_body(&for_.body);
                });
                self.conditionally(|r| r.visit_body(&for_.orelse));
            }
            Stmt::While(while_) => {
                self.in_loop(None, |r| {
                    r.visit_expr(&while_.test);
                    r.visit_body(&while_.body);
                });
                self.conditionally(|r| r.visit_body(&while_.orelse));
            }
            Stmt::If(if_) => {
                self.visit_expr(&if_.test);
                self.conditionally(|r| {
                    r.visit_body(&if_.body);
                    for clause in &if_.elif_else_clauses {
                        if let Some(test) = &clause.test {
                            r.visit_expr(test);
                        }
                        r.visit_body(&clause.body);
                    }
                });
            }
            Stmt::Try(try_) => {
                self.visit_body(&try_.body);
                self.conditionally(|r| {
                    for handler in &try_.handlers {
                        r.visit_except_handler(handler);
                    }
                    r.visit_body(&try_.orelse);
                });
                self.visit_body(&try_.finalbody);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => {
                if name.ctx.is_store() {
                    self.recorder.scan.declared.insert(name.id.to_string());
                    // Assignments record their value's kind first (below);
                    // any other binding (a loop target, `with … as`) is
                    // not known to hold a literal.
                    if !self.assigning.contains(&name.id.to_string()) {
                        self.recorder.scan.assigned(name.id.as_str(), false);
                    }
                } else {
                    self.record(
                        Reference::Name(name.id.to_string()),
                        name.range.start().to_u32(),
                    );
                }
            }
            Expr::Attribute(attribute) => {
                self.record(
                    Reference::Member {
                        object: root_name(&attribute.value),
                        property: attribute.attr.id.to_string(),
                    },
                    attribute.range.start().to_u32(),
                );
                visitor::walk_expr(self, expr);
            }
            Expr::Call(call) => {
                if let Expr::Name(function) = &*call.func {
                    let name = function.id.as_str();
                    let args = &call.arguments.args;
                    match name {
                        "getattr" | "hasattr" | "setattr" | "delattr" if !args.is_empty() => {
                            let object = root_name(&args[0]);
                            match args.get(1) {
                                Some(Expr::StringLiteral(s)) => self.record(
                                    Reference::Member {
                                        object,
                                        property: s.value.to_str().to_string(),
                                    },
                                    call.range().start().to_u32(),
                                ),
                                _ => {
                                    let what = match &object {
                                        Some(o) => {
                                            format!("{name}() on `{o}` with a computed name")
                                        }
                                        None => format!("{name}() with a computed name"),
                                    };
                                    // At the object, which is no escape of it.
                                    self.dynamic(what, object, args[0].range().start().to_u32())
                                }
                            }
                        }
                        n if crate::wasi::engine_apis::PYTHON_DYNAMIC.contains(&n) => {
                            // `__import__("literal")` names its module.
                            if n == "__import__"
                                && let Some(Expr::StringLiteral(s)) = args.first()
                            {
                                let at = self.at(call.range());
                                self.recorder.scan.imports.push(ModuleImport {
                                    module: s.value.to_str().to_string(),
                                    names: Vec::new(),
                                    namespace: None,
                                    everything: true,
                                    at,
                                });
                            } else {
                                self.dynamic(format!("{n}()"), None, call.range().start().to_u32());
                            }
                        }
                        _ => {}
                    }
                }
                // importlib.import_module(name)
                if let Expr::Attribute(attribute) = &*call.func
                    && attribute.attr.id.as_str() == "import_module"
                    && root_name(&attribute.value).as_deref() == Some("importlib")
                {
                    match call.arguments.args.first() {
                        Some(Expr::StringLiteral(s)) => {
                            let at = self.at(call.range());
                            self.recorder.scan.imports.push(ModuleImport {
                                module: s.value.to_str().to_string(),
                                names: Vec::new(),
                                namespace: None,
                                everything: true,
                                at,
                            });
                        }
                        _ => self.dynamic(
                            "importlib.import_module() with a computed name".into(),
                            None,
                            call.range().start().to_u32(),
                        ),
                    }
                }
                visitor::walk_expr(self, expr);
            }
            Expr::ListComp(comp) => {
                self.comprehension_body(&comp.generators, &mut |r| r.visit_expr(&comp.elt))
            }
            Expr::SetComp(comp) => {
                self.comprehension_body(&comp.generators, &mut |r| r.visit_expr(&comp.elt))
            }
            Expr::Generator(comp) => {
                self.comprehension_body(&comp.generators, &mut |r| r.visit_expr(&comp.elt))
            }
            Expr::DictComp(comp) => self.comprehension_body(&comp.generators, &mut |r| {
                if let Some(key) = &comp.key {
                    r.visit_expr(key);
                }
                r.visit_expr(&comp.value);
            }),
            Expr::If(if_) => {
                self.visit_expr(&if_.test);
                self.conditionally(|r| {
                    r.visit_expr(&if_.body);
                    r.visit_expr(&if_.orelse);
                });
            }
            Expr::BoolOp(op) => {
                if let Some((first, rest)) = op.values.split_first() {
                    self.visit_expr(first);
                    self.conditionally(|r| rest.iter().for_each(|v| r.visit_expr(v)));
                }
            }
            Expr::Lambda(_) => {
                let outer = std::mem::take(&mut self.recorder.context.loops);
                visitor::walk_expr(self, expr);
                self.recorder.context.loops = outer;
            }
            _ => visitor::walk_expr(self, expr),
        }
    }

    fn visit_parameter(&mut self, parameter: &'a ast::Parameter) {
        self.recorder
            .scan
            .declared
            .insert(parameter.name.id.to_string());
        if let Some(annotation) = &parameter.annotation
            && let Expr::Name(class) = &**annotation
        {
            self.recorder
                .scan
                .typed(parameter.name.id.as_str(), class.id.as_str());
        }
        visitor::walk_parameter(self, parameter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(scan: &Scan, property: &str) -> Vec<(u32, Option<u64>, bool)> {
        scan.uses
            .iter()
            .filter(
                |u| matches!(&u.reference, Reference::Member { property: p, .. } if p == property),
            )
            .map(|u| (u.at.line, u.context.count(), u.context.conditional))
            .collect()
    }

    #[test]
    fn the_custom_world_loop_is_counted() {
        let scan = scan(
            "from wit_world import exports\nfrom wit_world.imports import fine\n\n\
             NAMES = [f\"x-custom-{i}\" for i in range(32)] + [\"authorization\", \"cookie\"]\n\n\
             class Processor(exports.Processor):\n    def process(self, request_id: str) -> int:\n\
             \x20       found = 0\n        for name in NAMES:\n            v = fine.get_header(name)\n\
             \x20           if v is not None:\n                fine.set_header(\"x-seen-\" + name, v)\n\
             \x20       fine.set_header(\"x-request-id\", request_id)\n        return found\n",
        )
        .unwrap();
        assert_eq!(scan.imports[1].module, "wit_world.imports");
        assert_eq!(scan.imports[1].names, [("fine".into(), "fine".into())]);
        assert_eq!(member(&scan, "get_header"), [(10, Some(34), false)]);
        assert_eq!(
            member(&scan, "set_header"),
            [(12, Some(34), true), (13, Some(1), false)]
        );
        let get = scan
            .uses
            .iter()
            .find(|u| matches!(&u.reference, Reference::Member { property, .. } if property == "get_header"))
            .unwrap();
        assert_eq!(get.context.function.as_deref(), Some("process"));
    }

    #[test]
    fn getattr_with_a_computed_name_and_eval_are_dynamic() {
        let scan = scan(
            "import os\nfrom wit_world.imports import fine\nname = input()\n\
             getattr(fine, name)()\ngetattr(fine, 'get_header')\neval(name)\n",
        )
        .unwrap();
        let dynamic: Vec<_> = scan
            .dynamic
            .iter()
            .map(|d| (d.what.as_str(), d.object.as_deref(), d.at.line))
            .collect();
        assert_eq!(
            dynamic,
            [
                ("getattr() on `fine` with a computed name", Some("fine"), 4),
                ("eval()", None, 6)
            ]
        );
        assert_eq!(member(&scan, "get_header"), [(5, Some(1), false)]);
    }

    #[test]
    fn comprehensions_are_loops() {
        let scan = scan(
            "def f():\n    return [host.get(n) for n in range(3) for m in [1, 2]] + [host.x(k) for k in data if k]\n",
        )
        .unwrap();
        assert_eq!(member(&scan, "get"), [(2, Some(6), false)]);
        assert_eq!(member(&scan, "x"), [(2, None, true)]);
    }

    #[test]
    fn a_text_that_is_not_python_is_an_error_with_its_line() {
        let error = scan("x = 1\ndef (:\n").unwrap_err();
        assert_eq!(error.line, 2);
    }
}
