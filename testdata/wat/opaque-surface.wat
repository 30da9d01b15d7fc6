;; `run` reads the clock itself; random numbers go to a core module that is
;; not in the binary (an import), which may call them through the table
;; `run` calls: indeterminate, not unreachable. Nothing calls `exit`. Two
;; classes the exports do not reach, one of them unsettled: overbroad-world.
(component
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $clock
    (export "now" (func (result u64)))))
  (import "wasi:random/random@0.2.12" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (import "wasi:random/insecure@0.2.12" (instance $insecure
    (export "get-insecure-random-u64" (func (result u64)))))
  (import "wasi:cli/exit@0.2.12" (instance $exit
    (export "exit" (func (param "status" (result))))))
  (import "plugin" (core module $opaque
    (import "t" "table" (table 1 funcref))
    (import "h" "random" (func (result i64)))
    (import "h" "insecure" (func (result i64)))))
  (alias export $clock "now" (func $now))
  (alias export $random "get-random-u64" (func $get_random))
  (alias export $insecure "get-insecure-random-u64" (func $get_insecure))
  (alias export $exit "exit" (func $exit_fn))
  (core func $now_lowered (canon lower (func $now)))
  (core func $random_lowered (canon lower (func $get_random)))
  (core func $insecure_lowered (canon lower (func $get_insecure)))
  (core func $exit_lowered (canon lower (func $exit_fn)))
  (core module $app
    (type $ft (func))
    (import "host" "now" (func $now (result i64)))
    (import "host" "exit" (func $exit (param i32)))
    (func $nop)
    (table $t (export "table") 1 funcref)
    (elem (table $t) (i32.const 0) func $nop)
    (func (export "run")
      (drop (call $now))
      (call_indirect $t (type $ft) (i32.const 0))))
  (core instance $host (export "now" (func $now_lowered)) (export "exit" (func $exit_lowered)))
  (core instance $app (instantiate $app (with "host" (instance $host))))
  (core instance $plugin_host
    (export "random" (func $random_lowered))
    (export "insecure" (func $insecure_lowered)))
  (core instance (instantiate $opaque (with "t" (instance $app)) (with "h" (instance $plugin_host))))
  (func (export "run") (canon lift (core func $app "run"))))
