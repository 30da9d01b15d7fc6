;; A typed funcref global, called with `call_ref`.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (import "host" "hit" (func $hit (type $ft)))
    (global $g (ref $ft) (ref.func $hit))
    (func (export "run")
      (call_ref $ft (global.get $g))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
