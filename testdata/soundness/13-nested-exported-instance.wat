;; A function inside an instance that is itself exported inside an
;; exported instance: every exported function is an entry point.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (import "host" "hit" (func $hit))
    (func (export "f")
      (call $hit))
    (func (export "run")))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $f (canon lift (core func $i "f")))
  (instance $inner (export "f" (func $f)))
  (instance $outer (export "inner" (instance $inner)))
  (export "outer" (instance $outer))
  (func (export "run") (canon lift (core func $i "run"))))
