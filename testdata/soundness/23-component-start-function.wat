;; A component start function: it runs while the component is
;; instantiated, before any export can be called, so what it reaches is
;; reached although no export calls it. (wasmtime 48 refuses component
;; start functions, so only the static claim is checked.)
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (import "host" "hit" (func $hit))
    (func (export "init")
      (call $hit))
    (func (export "run")))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $init (canon lift (core func $i "init")))
  (start $init)
  (func (export "run") (canon lift (core func $i "run"))))
