;; Control: the only function that calls `hit` sits in the table with a
;; type no call site uses (the index is not a constant), so `hit` stays
;; unreachable.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (type $takes (func (param i32)))
    (import "host" "hit" (func $hit (type $ft)))
    (func $nop (type $ft))
    (func $wrapper (type $takes)
      (call $hit))
    (global $index (mut i32) (i32.const 0))
    (table $t 2 funcref)
    (elem (table $t) (i32.const 0) func $nop $wrapper)
    (func (export "run")
      (call_indirect $t (type $ft) (global.get $index))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
