;; A loop counted to 3 that a tail call leaves in its second iteration:
;; `hit` is called twice.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (import "host" "hit" (func $hit))
    (func $done)
    (func (export "run")
      (local $i i32)
      (loop $again
        (call $hit)
        (if (i32.eq (local.get $i) (i32.const 1))
          (then (return_call $done)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
