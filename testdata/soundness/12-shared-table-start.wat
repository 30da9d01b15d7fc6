;; Two core instances share a table. The first's start function calls
;; through slot 0 while it holds `$hit`, before the second instance's
;; element segment overwrites the slot with a function that would call
;; `reached`. Nothing calls through the slot afterwards.
(component
  (import "hit" (func $hit))
  (import "reached" (func $reached))
  (core func $hit_lowered (canon lower (func $hit)))
  (core func $reached_lowered (canon lower (func $reached)))
  (core module $first
    (type $ft (func))
    (import "host" "hit" (func $hit (type $ft)))
    (table $t (export "table") 1 funcref)
    (elem (table $t) (i32.const 0) func $hit)
    (func $start
      (call_indirect $t (type $ft) (i32.const 0)))
    (start $start))
  (core module $second
    (type $ft (func))
    (import "host" "reached" (func $reached (type $ft)))
    (import "first" "table" (table $t 1 funcref))
    (func $later (type $ft)
      (call $reached))
    (elem (table $t) (i32.const 0) func $later)
    (func (export "run")))
  (core instance $host
    (export "hit" (func $hit_lowered))
    (export "reached" (func $reached_lowered)))
  (core instance $a (instantiate $first (with "host" (instance $host))))
  (core instance $b
    (instantiate $second
      (with "host" (instance $host))
      (with "first" (instance $a))))
  (func (export "run") (canon lift (core func $b "run"))))
