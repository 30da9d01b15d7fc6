;; A loop counted to 3 with a second back edge: the first iteration runs
;; twice (a `br_if` back to the loop before the counter moves), so `hit` is
;; called four times.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (import "host" "hit" (func $hit))
    (global $again (mut i32) (i32.const 1))
    (func (export "run")
      (local $i i32)
      (loop $again
        (call $hit)
        (if (global.get $again)
          (then
            (global.set $again (i32.const 0))
            (br $again)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
