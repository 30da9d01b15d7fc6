;; Two components composed by hand: the outer one passes its `log` import
;; to an inner component and re-exports the inner `run`. The `net` import
;; is passed along too, but the inner code never calls it.
(component
  (import "test:host/log@0.1.0" (instance $host
    (export "log" (func (param "code" u32)))))
  (import "test:host/net@0.1.0" (instance $net
    (export "connect" (func (param "port" u32)))))
  (alias export $host "log" (func $log))
  (alias export $net "connect" (func $connect))

  (component $inner
    (import "log" (func $log (param "code" u32)))
    (import "connect" (func $connect (param "port" u32)))
    (core func $log_lowered (canon lower (func $log)))
    (core func $connect_lowered (canon lower (func $connect)))
    (core module $m
      (import "host" "log" (func $log (param i32)))
      (import "host" "connect" (func $connect (param i32)))
      (func (export "run")
        (call $log (i32.const 7))))
    (core instance $host_funcs
      (export "log" (func $log_lowered))
      (export "connect" (func $connect_lowered)))
    (core instance $i (instantiate $m (with "host" (instance $host_funcs))))
    (func $run (canon lift (core func $i "run")))
    (export "run" (func $run)))

  (instance $app (instantiate $inner
    (with "log" (func $log))
    (with "connect" (func $connect))))
  (export "run" (func $app "run")))
