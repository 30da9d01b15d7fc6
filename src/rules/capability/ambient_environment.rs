crate::rules::declare_rule! {
    pub(crate) struct AmbientEnvironment checks class;
    id: "CAP002",
    name: "ambient-environment",
    category: Capability,
    level: Warn,
    summary: "Imports `wasi:cli/environment`: environment variables, arguments and the working directory.",
    what: "\
Reports a component that imports `wasi:cli/environment`, with how its \
functions are reached and which module calls them.",
    why: "\
Environment variables are where deployments put secrets: tokens, database \
URLs, keys. A component that can read the whole environment can read every \
secret the host passes to any component it runs with the same environment. \
Configuration that a component needs is better passed explicitly \
(`wasi:config/store`, or function arguments) so the host grants exactly that.",
    fix: "\
Read configuration through an interface that names what is read, and drop \
`wasi:cli/environment` from the world. If a language runtime imports it \
(`getenv` in libc, `os.environ` in Python), run the component with an empty \
environment (`wasmtime run` passes none unless `--env` is given).",
    example: "\
```c
const char *token = getenv(\"API_TOKEN\");  // pulls in wasi:cli/environment
```

```text
warning[CAP002] ambient-environment: environment variables, arguments and cwd: imports wasi:cli/environment@0.2.12 (reached)
```",
    security_severity: "5.0",
    class: Environment("environment variables, arguments and cwd"),
}
