crate::rules::declare_rule! {
    pub(crate) struct FilesystemAccess checks class;
    id: "CAP004",
    name: "filesystem-access",
    category: Capability,
    level: Allow,
    summary: "The component can open files in the directories it is given.",
    what: "\
Reports a component that imports `wasi:filesystem/types` or \
`wasi:filesystem/preopens`, unless no export can reach them. Off by default: \
raise it with `-W filesystem-access` or in a policy.",
    why: "\
A component with filesystem access can read and write whatever directories \
the host preopens for it. Hosts that grant a directory to one component often \
grant it to all; an HTTP handler or a pure function rarely needs files at all.",
    fix: "\
Remove `wasi:filesystem` from the world when the code does not use files; \
otherwise run it with the narrowest `--dir` grant it needs.",
    example: "\
```sh
wcaudit check app.wasm -W filesystem-access
```

```text
warning[CAP004] filesystem-access: files and directories: imports wasi:filesystem/types@0.2.12, wasi:filesystem/preopens@0.2.12 (reached)
```",
    security_severity: "5.0",
    class: Filesystem("files and directories"),
}
