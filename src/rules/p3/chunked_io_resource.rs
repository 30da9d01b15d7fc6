use super::{interfaces, is_bytes};
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct ChunkedIoResource checks subject;
    id: "P3M008",
    name: "chunked-io-resource",
    category: P3Migration,
    level: Warn,
    summary: "A resource that moves bytes in chunks (`read`/`write`/`flush` with `list<u8>`), where WASI 0.3 uses `stream<u8>`.",
    what: "\
Reports resources in your own WIT whose methods read or write byte chunks: \
`read`, `write`, `skip`, `flush`, `check-write`, `splice`, `write-zeroes` \
(with or without `blocking-`) taking or returning `list<u8>` or a `u64` \
length — a hand-made version of WASI 0.2's `input-stream`/`output-stream`.",
    why: "\
WASI 0.3 replaced resource streams with the component model's `stream<u8>`, \
which moves data without a host call per chunk and composes across \
components. A chunked resource keeps callers in a call-per-chunk loop.",
    fix: "\
For reading, return `tuple<stream<u8>, future<result<_, error-code>>>`; for \
writing, take `data: stream<u8>` and return `future<result<_, error-code>>` \
(as WASI 0.3's `read-via-stream`/`write-via-stream` do).",
    example: "\
```wit
resource blob {
  read: func(len: u64) -> result<list<u8>, error>;  // p3: read: func() -> tuple<stream<u8>, future<result<_, error>>>
}
```

```text
warning[P3M008] chunked-io-resource: resource blob in example:store/blobs moves bytes in chunks (read); use stream<u8> in WASI 0.3
```",
}

const CHUNK_VERBS: &[&str] = &[
    "read",
    "write",
    "skip",
    "flush",
    "check-write",
    "splice",
    "write-zeroes",
];

impl ChunkedIoResource {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            for (resource, span, methods) in iface.resources() {
                let chunked: Vec<&str> = methods
                    .iter()
                    .filter(|m| {
                        let verb = m
                            .item_name()
                            .strip_prefix("blocking-")
                            .unwrap_or(m.item_name());
                        let verb = verb.strip_suffix("-and-flush").unwrap_or(verb);
                        CHUNK_VERBS.contains(&verb)
                            && (m.params.iter().any(|p| {
                                is_bytes(iface.resolve, &p.ty) || p.ty == wit_parser::Type::U64
                            }) || m
                                .result
                                .as_ref()
                                .is_some_and(|t| is_bytes(iface.resolve, t)))
                    })
                    .map(|m| m.item_name())
                    .collect();
                if chunked.is_empty() {
                    continue;
                }
                let what = format!(
                    "moves bytes in chunks ({}); use stream<u8> in WASI 0.3",
                    chunked.join(", ")
                );
                out.push(
                    iface.resource_finding(&META, &resource, span, &what)
                    .with_help("read: `func() -> tuple<stream<u8>, future<result<_, error-code>>>`; write: `func(data: stream<u8>) -> future<result<_, error-code>>`"),
                );
            }
        }
    }
}
