;; A function reached only through stack switching: `cont.new` of its
;; reference, then `resume`.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (type $ct (cont $ft))
    (import "host" "hit" (func $hit (type $ft)))
    (func $body (type $ft)
      (call $hit))
    (elem declare func $body)
    (func (export "run")
      (resume $ct (cont.new $ct (ref.func $body)))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
