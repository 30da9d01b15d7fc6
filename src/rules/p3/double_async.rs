use super::{has_stream_or_future, interfaces};
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct DoubleAsync checks subject;
    id: "P3M012",
    name: "double-async",
    category: P3Migration,
    level: Warn,
    summary: "An `async func` that also takes or returns a `stream` or `future`.",
    what: "Reports `async func`s in your own WIT whose parameters or results contain a `stream` or `future`.",
    why: "\
Asynchrony twice over: the call is async and so is the data. An async \
write keeps its arguments borrowed until the stream is drained and blocks \
composition; WASI removed this shape from `read-directory` for that \
reason (WASI #869, #870).",
    fix: "Make it a plain `func` that returns the stream and a `future<result<_, E>>` for completion.",
    example: "\
```wit
upload: async func(data: stream<u8>) -> future<u64>;   // p3: upload: func(data: stream<u8>) -> future<result<u64, error>>
```

```text
warning[P3M012] double-async: example:store/api#upload is async and also takes or returns a stream or future
```",
}

impl DoubleAsync {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            for func in iface.functions() {
                let streams = func
                    .params
                    .iter()
                    .any(|p| has_stream_or_future(iface.resolve, &p.ty))
                    || func
                        .result
                        .as_ref()
                        .is_some_and(|t| has_stream_or_future(iface.resolve, t));
                if !func.kind.is_async() || !streams {
                    continue;
                }
                let what = "is async and also takes or returns a stream or future";
                out.push(
                    iface.function_finding(&META, func, what)
                    .with_help("make it a plain func returning the stream and a future<result<_, E>> for completion"),
                );
            }
        }
    }
}
