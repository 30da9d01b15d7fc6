;; A loop counted to 3 whose counter is also written in the body: it
;; skips the second iteration, so `hit` is called twice.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (import "host" "hit" (func $hit))
    (func (export "run")
      (local $i i32)
      (loop $again
        (call $hit)
        (if (i32.eqz (local.get $i))
          (then (local.set $i (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
