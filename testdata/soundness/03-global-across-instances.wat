;; A typed funcref global exported by one core module and imported by the
;; module that calls it with `call_ref`.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $holder
    (type $ft (func))
    (import "host" "hit" (func $hit (type $ft)))
    (global (export "g") (ref $ft) (ref.func $hit)))
  (core module $caller
    (type $ft (func))
    (import "holder" "g" (global $g (ref $ft)))
    (func (export "run")
      (call_ref $ft (global.get $g))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $h (instantiate $holder (with "host" (instance $host))))
  (core instance $c (instantiate $caller (with "holder" (instance $h))))
  (func (export "run") (canon lift (core func $c "run"))))
