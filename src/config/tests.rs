//! Configuration errors and patterns.

use super::*;

fn err(text: &str) -> ConfigError {
    parse_text("wcaudit.toml", Path::new("."), text).unwrap_err()
}

#[test]
fn errors_point_at_the_offending_text() {
    let e = err("[capabilities]\ndeny = [\"wasi:sockets/[\"]\n");
    assert!(e.message.contains("bad glob"), "{}", e.message);
    assert!(
        e.render().starts_with("error: wcaudit.toml:2:9:"),
        "{}",
        e.render()
    );

    let e = err("[rules]\nunreachable-import = \"loud\"\n");
    assert!(
        e.render()
            .starts_with("error: wcaudit.toml:2:22: unknown level"),
        "{}",
        e.render()
    );

    let e = err("[rules]\nno-such-rule = \"deny\"\n");
    assert!(
        e.render()
            .starts_with("error: wcaudit.toml:2:1: unknown rule"),
        "{}",
        e.render()
    );

    let e = err("[capabilitiez]\n");
    assert!(e.message.contains("unknown field"), "{}", e.message);
    assert!(
        e.render().starts_with("error: wcaudit.toml:1:"),
        "{}",
        e.render()
    );

    let e = err("[[suppress]]\nrule = \"CAP001\"\nreason = \" \"\n");
    assert!(e.message.contains("needs a reason"), "{}", e.message);

    let e = err("[[suppress]]\nrule = \"CAP001\"\n");
    assert!(e.message.contains("reason"), "{}", e.message);
}

#[test]
fn patterns_match_interfaces_and_classes() {
    let config = parse_text(
        "wcaudit.toml",
        Path::new("."),
        "[capabilities]\ndeny = [\"wasi:sockets/*\", \"environment\", \"wasi:http/outgoing-handler@0.2.*\"]\n",
    )
    .unwrap();
    let policy = config.policy_for(Path::new("x.wasm"));
    let denied = |name: &str| policy.deny.iter().any(|p| p.matches(name));
    assert!(denied("wasi:sockets/tcp@0.2.12"));
    assert!(denied("wasi:cli/environment@0.2.9"));
    assert!(denied("wasi:http/outgoing-handler@0.2.12"));
    assert!(!denied("wasi:http/outgoing-handler@0.3.0"));
    assert!(!denied("wasi:cli/stdout@0.2.12"));
}

#[test]
fn patterns_name_a_class_or_a_subclass() {
    let config = parse_text(
        "wcaudit.toml",
        Path::new("."),
        "[capabilities]\nallow = [\"network.http-outgoing\"]\ndeny = [\"network.dns\"]\n",
    )
    .unwrap();
    let policy = config.policy_for(Path::new("x.wasm"));
    assert_eq!(policy.denial("wasi:http/outgoing-handler@0.2.12"), None);
    assert_eq!(policy.denial("wasi:http/client@0.3.0"), None);
    assert_eq!(
        policy.denial("wasi:sockets/tcp@0.2.12").as_deref(),
        Some("not on the allow list")
    );
    assert_eq!(
        policy
            .denial("wasi:sockets/ip-name-lookup@0.2.12")
            .as_deref(),
        Some("denied by `network.dns`")
    );
    let broad = parse_text(
        "wcaudit.toml",
        Path::new("."),
        "[capabilities]\ndeny = [\"network\"]\n",
    )
    .unwrap()
    .policy_for(Path::new("x.wasm"));
    assert!(broad.denial("wasi:sockets/udp@0.2.12").is_some());
    assert!(broad.denial("wasi:http/outgoing-handler@0.2.12").is_some());
}

mod readme {
    /// The README's wcaudit.toml example is a valid configuration.
    #[test]
    fn readme_example_parses() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("```toml\n")
            .expect("the README has a TOML example")
            + 8;
        let end = start + readme[start..].find("```").unwrap();
        let example = &readme[start..end];
        let config = super::parse_text("README.md", std::path::Path::new("."), example)
            .unwrap_or_else(|e| panic!("{}", e.render()));
        assert!(config.base.target.is_some() && config.base.granted.is_some());
        assert_eq!(config.suppressions.len(), 1);
        assert_eq!(config.overrides.len(), 1);
    }
}
