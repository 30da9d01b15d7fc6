;; Two components composed: `consumer` imports `get`, which `provider`
;; exports, and calls it 12 times in a loop. No host is involved, but every
;; call crosses from one component into the other.
(component
  (component $provider
    (core module $m
      (func (export "get") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))
    (core instance $i (instantiate $m))
    (func $get (param "key" u32) (result u32) (canon lift (core func $i "get")))
    (export "get" (func $get)))
  (component $consumer
    (import "get" (func $get (param "key" u32) (result u32)))
    (core func $get_lowered (canon lower (func $get)))
    (core module $m
      (import "provider" "get" (func $get (param i32) (result i32)))
      (func (export "run") (result i32)
        (local $i i32) (local $sum i32)
        (loop $each
          (local.set $sum (i32.add (local.get $sum) (call $get (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $each (i32.lt_u (local.get $i) (i32.const 12))))
        (local.get $sum)))
    (core instance $i (instantiate $m (with "provider" (instance (export "get" (func $get_lowered))))))
    (func $run (result u32) (canon lift (core func $i "run")))
    (export "run" (func $run)))
  (instance $p (instantiate $provider))
  (instance $c (instantiate $consumer (with "get" (func $p "get"))))
  (export "run" (func $c "run")))
