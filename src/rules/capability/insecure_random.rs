crate::rules::declare_rule! {
    pub(crate) struct InsecureRandom checks class;
    id: "CAP005",
    name: "insecure-random",
    category: Capability,
    level: Warn,
    summary: "Uses `wasi:random/insecure` or `wasi:random/insecure-seed`.",
    what: "\
Reports a component whose exports can reach `wasi:random/insecure` or \
`wasi:random/insecure-seed` (an import nobody reaches is \
`unreachable-import`'s finding).",
    why: "\
The insecure interfaces make no promise of unpredictability: a host may \
return a fixed sequence. Values from them must never become keys, tokens, \
nonces or session identifiers. Language runtimes use them to seed hash \
tables, which is fine; application code using them for secrets is not.",
    fix: "\
Use `wasi:random/random` (`get-random-bytes`) for anything an attacker must \
not guess. If only the runtime's hash seeding uses the insecure interfaces, \
allow this rule for the component.",
    example: "\
```text
warning[CAP005] insecure-random: insecure random numbers: imports wasi:random/insecure@0.2.12 (reached)
```",
    security_severity: "4.0",
    class: InsecureRandom("insecure random numbers"),
}
