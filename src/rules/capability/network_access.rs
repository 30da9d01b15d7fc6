crate::rules::declare_rule! {
    pub(crate) struct NetworkAccess checks class;
    id: "CAP003",
    name: "network-access",
    category: Capability,
    level: Allow,
    summary: "The component can open sockets, resolve names or send HTTP requests.",
    what: "\
Reports a component that imports `wasi:sockets` (0.2 or 0.3), \
`wasi:http/outgoing-handler` or `wasi:http/client`, unless no export can \
reach them (that is `unreachable-import`'s finding). Off by default: raise \
it with `-W network-access` or in a policy when network access must be \
reviewed.",
    why: "\
Network access is how a compromised or malicious component exfiltrates data \
or reaches internal services. Many components need none, and a component \
that needs outgoing HTTP rarely needs raw sockets.",
    fix: "\
Remove the interfaces the component does not need from its world. When only \
HTTP is needed, use `wasi:http` instead of `wasi:sockets`, and deny sockets \
in the policy.",
    example: "\
```sh
wcaudit check app.wasm -D network-access
```

```text
error[CAP003] network-access: network: imports wasi:sockets/tcp@0.2.12 (reached)
```",
    security_severity: "6.0",
    class: Network("network"),
}
