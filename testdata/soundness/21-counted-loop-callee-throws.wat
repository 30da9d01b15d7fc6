;; A loop counted to 3 inside a `try_table` that catches everything: a
;; function it calls throws in the second iteration, so `hit` is called
;; twice and the loop never finishes.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (import "host" "hit" (func $hit))
    (tag $oops)
    (func $check (param $i i32)
      (if (i32.eq (local.get $i) (i32.const 1))
        (then (throw $oops))))
    (func (export "run")
      (local $i i32)
      (block $caught
        (try_table (catch_all $caught)
          (loop $again
            (call $hit)
            (call $check (local.get $i))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
