;; Traps in a function whose name section name would forge lines, rewrite
;; the terminal and start a workflow command, from a module whose name does
;; too: the stop message names both.
(component
  (core module $m (@name "mod\n::error title=pwned::module\1b[2J")
    (func $boom (@name "boom\n  ran:   1 of 1 invocation completed\n::error title=pwned::trap\r\1b[2J\u{202e}")
      (result i32)
      unreachable)
    (func (export "run") (result i32) (call $boom)))
  (core instance $i (instantiate $m))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.2.12" (instance $run)))
