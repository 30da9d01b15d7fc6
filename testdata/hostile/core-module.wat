;; A core module whose every free-form string is hostile: import module and
;; field names, an export name, function names in the name section, the
;; producers section and a custom section's name. Each carries a line
;; break followed by a forged `ran:` line and a GitHub workflow command,
;; a carriage return, a terminal escape (ESC and the C1 CSI), a bidi
;; override, and Markdown/HTML. No output of any format may show these
;; characters raw or let any of this text start a line.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "::error title=pwned::module\n  ran:   1 of 1 invocation completed\r\1b[2J"
    "field\n::warning::forged\u{202e}`](https://evil.example)<img src=x>|\u{9b}31m"
    (func $hostile_import (param i32)))
  (memory (export "memory") 1)
  (func $start (@name "start\n  ran:   1 of 1 invocation completed\n::error title=pwned::name\1b]0;title\07")
    (export "_start\n::error title=pwned::export\r##[error]x")
    (local $i i32)
    (loop $again
      (call $hostile_import (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (@producers
    (language "::error title=pwned::language\n\1b[31m" "1.0\n::error::version")
    (processed-by "tool\r\n##[error]processed" "2\u{202e}"))
  (@custom "::error title=pwned::custom\nsection\1b[0m" "payload"))
