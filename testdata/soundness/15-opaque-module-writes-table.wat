;; A core module that is not in the binary gets a table and `hit`: it may
;; write `hit` into the slot that `run` calls through.
(component
  (import "hit" (func $hit))
  (import "m" (core module $opaque (import "t" "table" (table 1 funcref)) (import "h" "hit" (func))))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $a
    (type $ft (func))
    (func $nop)
    (table $t (export "table") 1 funcref)
    (elem (table $t) (i32.const 0) func $nop)
    (func (export "run") (call_indirect $t (type $ft) (i32.const 0))))
  (core instance $ai (instantiate $a))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance (instantiate $opaque (with "t" (instance $ai)) (with "h" (instance $host))))
  (func (export "run") (canon lift (core func $ai "run"))))
