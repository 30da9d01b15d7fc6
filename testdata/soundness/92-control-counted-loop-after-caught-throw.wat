;; Control: a throw caught before a loop counted to 3 does not skip the
;; loop, whose 3 calls of `hit` every call of `run` makes: the count
;; stays exact.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (import "host" "hit" (func $hit))
    (tag $thrown)
    (func (export "run")
      (local $i i32)
      (block $caught (try_table (catch_all $caught) (throw $thrown)))
      (loop $again
        (call $hit)
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
