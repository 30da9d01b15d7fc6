;; Control: `hit` sits in a table, and in a funcref global, that no code
;; calls through; `run` calls only through another table.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (import "host" "hit" (func $hit (type $ft)))
    (func $nop (type $ft))
    (global $g funcref (ref.func $hit))
    (table $unused 1 funcref)
    (elem (table $unused) (i32.const 0) func $hit)
    (table $used 1 funcref)
    (elem (table $used) (i32.const 0) func $nop)
    (func (export "run")
      (call_indirect $used (type $ft) (i32.const 0))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
