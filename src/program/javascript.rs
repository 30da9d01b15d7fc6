//! JavaScript programs, parsed by oxc as ES modules and read into a
//! [`Scan`]: the modules imported (jco binds a WIT interface to the module
//! specifier `ns:pkg/iface@version`), every name and member referred to,
//! the loops around each, and the constructs that reach names the text
//! does not show.

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{Visit, walk};
use oxc_span::SourceType;
use oxc_syntax::scope::ScopeFlags;

use super::scan::{
    Constants, Context, LENGTH_DEPTH, Lines, MAX_LENGTH, ModuleImport, Recorder, Recording,
    Reference, Scan, SyntaxError,
};

/// Parses `text` as an ES module and reads it.
pub(crate) fn scan(text: &str) -> Result<Scan, SyntaxError> {
    let allocator = Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, SourceType::mjs()).parse();
    let lines = Lines::of(text);
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        let (message, offset) = parsed
            .diagnostics
            .first()
            .map(|d| {
                let offset = d.labels.first().map_or(0, |l| l.offset());
                (d.message.to_string(), offset)
            })
            .unwrap_or_else(|| ("the parser gave up".to_string(), 0));
        return Err(SyntaxError::at(&lines, offset, message));
    }
    let mut reader = Reader {
        declaring: None,
        recorder: Recorder {
            lines,
            scan: Scan::default(),
            context: Context::default(),
        },
        constants: Constants::default(),
    };
    // Constants first, so that a loop before the declaration it iterates
    // over (a function body using a later top-level `const`) is counted.
    for statement in &parsed.program.body {
        reader.constants_of(statement);
    }
    reader.visit_program(&parsed.program);
    Ok(reader.recorder.scan)
}

struct Reader {
    /// The name a declarator with a literal value is declaring.
    declaring: Option<String>,
    recorder: Recorder,
    /// Top-level constants' lengths, when the text fixes them.
    constants: Constants<u64>,
}

/// Array methods whose callback runs once per element.
const ITERATING_METHODS: &[&str] = &[
    "forEach",
    "map",
    "flatMap",
    "filter",
    "reduce",
    "reduceRight",
    "some",
    "every",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
];

impl Reader {
    fn at(&self, span: oxc_span::Span) -> super::scan::Position {
        self.recorder.lines.position(span.start)
    }

    fn constants_of(&mut self, statement: &Statement) {
        let declaration = match statement {
            Statement::VariableDeclaration(d) => d,
            Statement::ExportDeclaration(e) => match &e.declaration {
                Declaration::VariableDeclaration(d) => d,
                _ => return,
            },
            _ => return,
        };
        if declaration.kind != VariableDeclarationKind::Const {
            return;
        }
        for declarator in &declaration.declarations {
            if let (BindingPattern::BindingIdentifier(id), Some(init)) =
                (&declarator.id, &declarator.init)
                && let Some(n) = self.length(init, LENGTH_DEPTH)
            {
                self.constants.assign(id.name.as_str(), n);
            }
        }
    }

    /// The number of elements iterating over `expression` visits, when the
    /// text fixes it: an array literal, `Array.from({ length: N })`,
    /// `new Array(N)`, `Array(N).fill(…)`, `[...X]`, or a constant naming
    /// one of those.
    fn length(&self, expression: &Expression, depth: u32) -> Option<u64> {
        let depth = depth.checked_sub(1)?;
        match expression.get_inner_expression() {
            Expression::ArrayExpression(array) => {
                array.elements.iter().try_fold(0u64, |n, element| {
                    let more = match element {
                        ArrayExpressionElement::SpreadElement(s) => {
                            self.length(&s.argument, depth)?
                        }
                        _ => 1,
                    };
                    Some(n + more)
                })
            }
            Expression::Identifier(id) => self.constants.get(id.name.as_str()).copied(),
            Expression::CallExpression(call) => {
                let member = call.callee.as_member_expression()?;
                let property = member.static_property_name()?;
                let object = member.object().get_inner_expression();
                match (object, property) {
                    // Array.from({ length: N }, …)
                    (Expression::Identifier(o), "from") if o.name == "Array" => {
                        match call.arguments.first()?.as_expression()? {
                            Expression::ObjectExpression(object) => {
                                object.properties.iter().find_map(|p| match p {
                                    ObjectPropertyKind::ObjectProperty(p)
                                        if p.key.static_name().as_deref() == Some("length") =>
                                    {
                                        number(&p.value)
                                    }
                                    _ => None,
                                })
                            }
                            other => self.length(other, depth),
                        }
                    }
                    // X.fill(…), X.keys(), X.values(), X.entries(), X.slice()
                    (_, "fill" | "keys" | "values" | "entries" | "map") if !matches!(object, Expression::Identifier(o) if o.name == "Object") => {
                        self.length(object, depth)
                    }
                    // Object.keys({…}) / values / entries of a literal
                    (Expression::Identifier(o), "keys" | "values" | "entries")
                        if o.name == "Object" =>
                    {
                        match call
                            .arguments
                            .first()?
                            .as_expression()?
                            .get_inner_expression()
                        {
                            Expression::ObjectExpression(object) => object
                                .properties
                                .iter()
                                .all(|p| matches!(p, ObjectPropertyKind::ObjectProperty(_)))
                                .then_some(object.properties.len() as u64),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            Expression::NewExpression(new) => match &new.callee {
                Expression::Identifier(id) if id.name == "Array" && new.arguments.len() == 1 => {
                    number(new.arguments[0].as_expression()?)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// `for (let i = A; i < B; i++)` (or `<=`, `+= 1`) with literal bounds.
    fn counted_for(&self, statement: &ForStatement) -> Option<u64> {
        let Some(ForStatementInit::VariableDeclaration(init)) = &statement.init else {
            return None;
        };
        let [declarator] = init.declarations.as_slice() else {
            return None;
        };
        let BindingPattern::BindingIdentifier(var) = &declarator.id else {
            return None;
        };
        let start = number(declarator.init.as_ref()?)?;
        let Some(Expression::BinaryExpression(test)) = &statement.test else {
            return None;
        };
        let Expression::Identifier(left) = test.left.get_inner_expression() else {
            return None;
        };
        if left.name != var.name {
            return None;
        }
        // A bound named by a constant is not followed: constants record
        // lengths, not numbers.
        let end = number(test.right.get_inner_expression())?;
        let steps_by_one = match &statement.update {
            Some(Expression::UpdateExpression(u)) => {
                u.operator == UpdateOperator::Increment
                    && matches!(&u.argument, SimpleAssignmentTarget::AssignmentTargetIdentifier(id) if id.name == var.name)
            }
            Some(Expression::AssignmentExpression(a)) => {
                a.operator == AssignmentOperator::Addition
                    && number(&a.right) == Some(1)
                    && matches!(&a.left, AssignmentTarget::AssignmentTargetIdentifier(id) if id.name == var.name)
            }
            _ => false,
        };
        if !steps_by_one {
            return None;
        }
        let trips = match test.operator {
            BinaryOperator::LessThan => end.saturating_sub(start),
            BinaryOperator::LessEqualThan => (end + 1).saturating_sub(start),
            _ => return None,
        };
        (trips <= MAX_LENGTH).then_some(trips)
    }

    fn in_function(&mut self, name: Option<String>, walk: impl FnOnce(&mut Self)) {
        let outer = std::mem::take(&mut self.recorder.context);
        self.recorder.context.function = name.or_else(|| outer.function.clone());
        walk(self);
        self.recorder.context = outer;
    }
}

fn number(expression: &Expression) -> Option<u64> {
    match expression.get_inner_expression() {
        Expression::NumericLiteral(n)
            if n.value >= 0.0 && n.value.fract() == 0.0 && n.value <= MAX_LENGTH as f64 =>
        {
            Some(n.value as u64)
        }
        _ => None,
    }
}

fn root_name(expression: &Expression) -> Option<String> {
    match expression.get_inner_expression() {
        Expression::Identifier(id) => Some(id.name.to_string()),
        Expression::ThisExpression(_) => Some("this".to_string()),
        _ => None,
    }
}

fn export_name(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::IdentifierName(n) => n.name.to_string(),
        ModuleExportName::IdentifierReference(n) => n.name.to_string(),
        ModuleExportName::StringLiteral(s) => s.value.to_string(),
    }
}

impl Recording for Reader {
    fn recorder(&mut self) -> &mut Recorder {
        &mut self.recorder
    }
}

impl<'a> Visit<'a> for Reader {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        let mut import = ModuleImport {
            module: it.source.value.to_string(),
            names: Vec::new(),
            namespace: None,
            everything: false,
            at: self.at(it.span),
        };
        for specifier in it.specifiers.iter().flatten() {
            match specifier {
                ImportDeclarationSpecifier::ImportSpecifier(s) => import
                    .names
                    .push((export_name(&s.imported), s.local.name.to_string())),
                ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => import
                    .names
                    .push(("default".to_string(), s.local.name.to_string())),
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                    import.namespace = Some(s.local.name.to_string())
                }
            }
            self.recorder
                .scan
                .declared
                .insert(specifier.local().name.to_string());
        }
        self.recorder.scan.imports.push(import);
    }

    fn visit_export_declaration(&mut self, it: &ExportDeclaration<'a>) {
        match &it.declaration {
            Declaration::VariableDeclaration(d) => {
                for declarator in &d.declarations {
                    if let BindingPattern::BindingIdentifier(id) = &declarator.id {
                        self.recorder.scan.exports.push(id.name.to_string());
                    }
                }
            }
            Declaration::FunctionDeclaration(f) => {
                if let Some(id) = &f.id {
                    self.recorder.scan.exports.push(id.name.to_string());
                }
            }
            Declaration::ClassDeclaration(c) => {
                if let Some(id) = &c.id {
                    self.recorder.scan.exports.push(id.name.to_string());
                }
            }
            _ => {}
        }
        walk::walk_export_declaration(self, it);
    }

    fn visit_export_named_declaration(&mut self, it: &ExportNamedDeclaration<'a>) {
        for specifier in &it.specifiers {
            self.recorder
                .scan
                .exports
                .push(export_name(&specifier.exported));
        }
        walk::walk_export_named_declaration(self, it);
    }

    fn visit_export_default_declaration(&mut self, it: &ExportDefaultDeclaration<'a>) {
        self.recorder.scan.exports.push("default".to_string());
        walk::walk_export_default_declaration(self, it);
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        match it.source.get_inner_expression() {
            Expression::StringLiteral(s) => {
                let at = self.at(it.span);
                self.recorder.scan.imports.push(ModuleImport {
                    module: s.value.to_string(),
                    names: Vec::new(),
                    namespace: None,
                    everything: true,
                    at,
                });
            }
            _ => self.dynamic("import() with a computed name".into(), None, it.span.start),
        }
        walk::walk_import_expression(self, it);
    }

    fn visit_import_meta(&mut self, it: &ImportMeta) {
        self.dynamic(
            "import.meta (the engine's raw bindings)".into(),
            None,
            it.span.start,
        );
    }

    fn visit_with_statement(&mut self, it: &WithStatement<'a>) {
        self.dynamic("a with statement".into(), None, it.span.start);
        walk::walk_with_statement(self, it);
    }

    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        self.recorder.scan.declared.insert(it.name.to_string());
        // Declarators with a literal value record it first (below).
        if self.declaring.as_deref() != Some(it.name.as_str()) {
            self.recorder.scan.assigned(it.name.as_str(), false);
        }
    }

    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        self.record(Reference::Name(it.name.to_string()), it.span.start);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        let object = root_name(&it.object);
        // `globalThis.fetch` is the global `fetch`.
        if object.as_deref() == Some("globalThis") {
            self.record(Reference::Name(it.property.name.to_string()), it.span.start);
        }
        self.record(
            Reference::Member {
                object,
                property: it.property.name.to_string(),
            },
            it.span.start,
        );
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        match it.expression.get_inner_expression() {
            Expression::StringLiteral(s) => {
                let object = root_name(&it.object);
                if object.as_deref() == Some("globalThis") {
                    self.record(Reference::Name(s.value.to_string()), it.span.start);
                }
                self.record(
                    Reference::Member {
                        object,
                        property: s.value.to_string(),
                    },
                    it.span.start,
                );
            }
            // Indexing by number is an array's element, not a member name.
            Expression::NumericLiteral(_) => {}
            _ => {
                let object = root_name(&it.object);
                let what = match &object {
                    Some(name) => format!("a member of `{name}` by a computed name"),
                    None => "a member by a computed name".to_string(),
                };
                self.dynamic(what, object, it.span.start);
            }
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        // `list.forEach(item => …)`: the callback is a loop body.
        if let Some(member) = it.callee.as_member_expression()
            && let Some(property) = member.static_property_name()
            && ITERATING_METHODS.contains(&property)
        {
            let trips = self.length(member.object(), LENGTH_DEPTH);
            self.visit_expression(&it.callee);
            for argument in &it.arguments {
                match argument
                    .as_expression()
                    .map(Expression::get_inner_expression)
                {
                    Some(Expression::ArrowFunctionExpression(f)) => {
                        self.in_loop(trips, |r| r.visit_arrow_function_body(&f.body));
                        for p in &f.params.items {
                            r_visit_pattern(self, &p.pattern);
                        }
                    }
                    Some(Expression::FunctionExpression(f)) => {
                        self.in_loop(trips, |r| {
                            if let Some(body) = &f.body {
                                r.visit_function_body(body)
                            }
                        });
                        for p in &f.params.items {
                            r_visit_pattern(self, &p.pattern);
                        }
                    }
                    _ => self.visit_argument(argument),
                }
            }
            return;
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        self.visit_for_statement_left(&it.left);
        self.visit_expression(&it.right);
        let trips = self.length(&it.right, LENGTH_DEPTH);
        self.in_loop(trips, |r| r.visit_statement(&it.body));
    }

    fn visit_for_in_statement(&mut self, it: &ForInStatement<'a>) {
        self.visit_for_statement_left(&it.left);
        self.visit_expression(&it.right);
        self.in_loop(None, |r| r.visit_statement(&it.body));
    }

    fn visit_for_statement(&mut self, it: &ForStatement<'a>) {
        if let Some(init) = &it.init {
            self.visit_for_statement_init(init);
        }
        let trips = self.counted_for(it);
        self.in_loop(trips, |r| {
            if let Some(test) = &it.test {
                r.visit_expression(test);
            }
            if let Some(update) = &it.update {
                r.visit_expression(update);
            }
            r.visit_statement(&it.body);
        });
    }

    fn visit_while_statement(&mut self, it: &WhileStatement<'a>) {
        self.in_loop(None, |r| walk::walk_while_statement(r, it));
    }

    fn visit_do_while_statement(&mut self, it: &DoWhileStatement<'a>) {
        self.in_loop(None, |r| walk::walk_do_while_statement(r, it));
    }

    fn visit_if_statement(&mut self, it: &IfStatement<'a>) {
        self.visit_expression(&it.test);
        self.conditionally(|r| {
            r.visit_statement(&it.consequent);
            if let Some(alternate) = &it.alternate {
                r.visit_statement(alternate);
            }
        });
    }

    fn visit_conditional_expression(&mut self, it: &ConditionalExpression<'a>) {
        self.visit_expression(&it.test);
        self.conditionally(|r| {
            r.visit_expression(&it.consequent);
            r.visit_expression(&it.alternate);
        });
    }

    fn visit_logical_expression(&mut self, it: &LogicalExpression<'a>) {
        self.visit_expression(&it.left);
        self.conditionally(|r| r.visit_expression(&it.right));
    }

    fn visit_catch_clause(&mut self, it: &CatchClause<'a>) {
        self.conditionally(|r| walk::walk_catch_clause(r, it));
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        let name = it.id.as_ref().map(|id| id.name.to_string());
        self.in_function(name, |r| walk::walk_function(r, it, flags));
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.in_function(None, |r| walk::walk_arrow_function_expression(r, it));
    }

    fn visit_method_definition(&mut self, it: &MethodDefinition<'a>) {
        let name = it.key.static_name().map(|n| n.to_string());
        self.in_function(name, |r| walk::walk_method_definition(r, it));
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        let is_function = matches!(
            it.value.get_inner_expression(),
            Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_)
        );
        if is_function {
            let name = it.key.static_name().map(|n| n.to_string());
            if it.computed {
                self.visit_property_key(&it.key);
            }
            self.in_function(name, |r| r.visit_expression(&it.value));
        } else {
            walk::walk_object_property(self, it);
        }
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        // `const say = (s) => …`: the function is named after its variable.
        if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&it.id, &it.init)
            && matches!(
                init.get_inner_expression(),
                Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_)
            )
        {
            self.visit_binding_identifier(id);
            self.in_function(Some(id.name.to_string()), |r| r.visit_expression(init));
            return;
        }
        if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&it.id, &it.init) {
            let literal = matches!(
                init.get_inner_expression(),
                Expression::ArrayExpression(_)
                    | Expression::ObjectExpression(_)
                    | Expression::StringLiteral(_)
                    | Expression::TemplateLiteral(_)
                    | Expression::NumericLiteral(_)
                    | Expression::BooleanLiteral(_)
            );
            self.recorder.scan.assigned(id.name.as_str(), literal);
            self.declaring = Some(id.name.to_string());
            walk::walk_variable_declarator(self, it);
            self.declaring = None;
            return;
        }
        walk::walk_variable_declarator(self, it);
    }
}

/// Declared names in a callback's parameters.
fn r_visit_pattern<'a>(reader: &mut Reader, pattern: &BindingPattern<'a>) {
    reader.visit_binding_pattern(pattern);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(scan: &Scan) -> Vec<(String, u32, Option<u64>)> {
        scan.uses
            .iter()
            .filter_map(|u| match &u.reference {
                Reference::Member { property, .. } => {
                    Some((property.clone(), u.at.line, u.context.count()))
                }
                Reference::Name(_) => None,
            })
            .collect()
    }

    #[test]
    fn imports_and_members_with_their_loops() {
        let scan = scan(
            "import { getHeader as gh } from \"corpus:headers/fine@0.1.0\";\n\
             const NAMES = [...Array.from({ length: 32 }), 'a', 'b'];\n\
             export const processor = {\n  process(id) {\n    for (const n of NAMES) gh(n).x;\n\
             \x20   for (let i = 0; i < 4; i++) { for (const k of [1, 2]) host.y(); }\n\
             \x20   NAMES.forEach((n) => host.z(n));\n  },\n};\n",
        )
        .unwrap();
        assert_eq!(scan.imports[0].module, "corpus:headers/fine@0.1.0");
        assert_eq!(
            scan.imports[0].names,
            [("getHeader".to_string(), "gh".to_string())]
        );
        let gh = scan
            .uses
            .iter()
            .find(|u| u.reference == Reference::Name("gh".into()))
            .unwrap();
        assert_eq!(gh.context.function.as_deref(), Some("process"));
        assert_eq!(gh.context.count(), Some(34));
        let members = names(&scan);
        assert!(
            members.contains(&("y".to_string(), 6, Some(8))),
            "{members:?}"
        );
        assert!(
            members.contains(&("z".to_string(), 7, Some(34))),
            "{members:?}"
        );
    }

    #[test]
    fn computed_access_eval_and_import_meta_are_dynamic() {
        let scan = scan(
            "import * as ns from 'wasi:cli/environment@0.2.0';\n\
             const k = 'getEnvironment'; ns[k](); eval('x'); import.meta.builtin;\n\
             await import(k);\n",
        )
        .unwrap();
        let dynamic: Vec<_> = scan.dynamic.iter().map(|d| d.what.as_str()).collect();
        assert_eq!(
            dynamic,
            [
                "a member of `ns` by a computed name",
                "import.meta (the engine's raw bindings)",
                "import() with a computed name"
            ]
        );
        assert!(
            scan.uses
                .iter()
                .any(|u| u.reference == Reference::Name("eval".into()))
        );
    }

    #[test]
    fn a_text_that_is_not_javascript_is_an_error_with_its_line() {
        let error = scan("const a = 1;\nthis is not javascript\n").unwrap_err();
        assert_eq!(error.line, 2);
    }

    #[test]
    fn a_data_dependent_loop_has_no_count() {
        let scan =
            scan("function f(list) { for (const x of list) host.call(x); while (a) host.w(); }")
                .unwrap();
        let members = names(&scan);
        assert!(members.contains(&("call".to_string(), 1, None)));
        assert!(members.contains(&("w".to_string(), 1, None)));
    }
}
