;; A loop counted to 3 inside a branch `run` never takes: no call of
;; `run` makes the loop's 3 calls of `hit`.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (import "host" "hit" (func $hit))
    (global $state (mut i32) (i32.const 0))
    (func (export "run")
      (local $i i32)
      (if (global.get $state) (then
        (local.set $i (i32.const 0))
        (loop $again
          (call $hit)
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
