//! `declare_rule!`: a rule's declaration in one place, beside its check.

/// Declares a rule: its unit struct, its `RuleMeta` as the module's
/// `static META` (its findings point at it), and its `Rule` impl.
/// `checks subject` calls the struct's own
/// `check_subject(&self, &Subject, out)`; `checks binary` calls its
/// `check_binary(&self, &Binary, out)` on binaries only, so a rule that
/// has nothing to say about WIT does not say so itself. `checks class`
/// makes a rule that is a row of a table: its last line,
/// `class: CLASS("what")`, is the row, and `capability::check_class` the
/// one check of every such rule.
///
/// `security_severity` and `thresholds` may be left out: none.
macro_rules! declare_rule {
    (
        $(#[$attr:meta])*
        $vis:vis struct $rule:ident checks $kind:ident;
        $($meta:tt)*
    ) => {
        $crate::rules::declare_rule! { meta; $($meta)* }

        $(#[$attr])*
        $vis struct $rule;

        impl $crate::rules::Rule for $rule {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &META
            }

            $crate::rules::declare_rule! { @check $kind }
        }
    };
    (@check $kind:ident) => {
        fn check(
            &self,
            subject: &$crate::rules::Subject<'_>,
            out: &mut Vec<$crate::rules::Finding>,
        ) {
            $crate::rules::declare_rule! { @call $kind self subject out }
        }
    };
    (@call subject $rule:ident $subject:ident $out:ident) => {
        $rule.check_subject($subject, $out)
    };
    (@call binary $rule:ident $subject:ident $out:ident) => {
        if let Some(binary) = $subject.binary() {
            $rule.check_binary(binary, $out);
        }
    };
    (@call class $rule:ident $subject:ident $out:ident) => {
        if let Some(binary) = $subject.binary() {
            $crate::rules::capability::check_class(&META, CLASS, binary, $out);
        }
    };
    (
        meta;
        id: $id:expr,
        name: $name:expr,
        category: $category:ident,
        level: $level:ident,
        summary: $summary:expr,
        what: $what:expr,
        why: $why:expr,
        fix: $fix:expr,
        example: $example:expr,
        $(security_severity: $severity:literal,)?
        $(thresholds: [$($threshold:expr),* $(,)?],)?
        $(class: $class:ident($class_what:literal),)?
    ) => {
        static META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            id: $id,
            name: $name,
            category: $crate::rules::Category::$category,
            default_level: $crate::rules::Level::$level,
            summary: $summary,
            what: $what,
            why: $why,
            fix: $fix,
            example: $example,
            security_severity: $crate::rules::declare_rule!(@option $($severity)?),
            thresholds: &[$($(&$threshold),*)?],
        };
        $(
            const CLASS: ($crate::wasi::classes::Capability, &str) =
                ($crate::wasi::classes::Capability::$class, $class_what);
        )?
    };
    (@option) => {
        None
    };
    (@option $value:literal) => {
        Some($value)
    };
}

pub(crate) use declare_rule;
