;; 550 core instances of two empty tables each: 1,100 tables.
;; Nested components multiply a few lines into over a thousand core
;; tables: 5 × 10 × 11 instances of the module below, each cheap, all
;; made while instantiating.
(component $root
  (component $c10
    (core module $m (table 0 funcref) (table 0 funcref))
    (core instance (instantiate $m))
    (core instance (instantiate $m))
    (core instance (instantiate $m))
    (core instance (instantiate $m))
    (core instance (instantiate $m))
  )
  (component $c100
    (alias outer $root $c10 (component $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
    (instance (instantiate $c10))
  )
  (component $c1000
    (alias outer $root $c100 (component $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
    (instance (instantiate $c100))
  )
  (instance (instantiate $c1000))
  (core module $main
    (func (export "run") (result i32) (i32.const 0)))
  (core instance $main (instantiate $main))
  (func $run (result (result)) (canon lift (core func $main "run")))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.2.12" (instance $run)))
