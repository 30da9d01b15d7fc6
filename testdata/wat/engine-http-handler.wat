;; A QuickJS component (its runtime module named as componentize-qjs names
;; it) that serves HTTP and whose engine imports wasi:cli/exit, which a
;; wasi:http/proxy host does not provide. The handler's own signature is
;; simplified: only the export's name makes it an HTTP handler here.
(component
  (import "wasi:cli/exit@0.2.12" (instance $exit
    (export "exit" (func (param "status" (result))))))
  (alias export $exit "exit" (func $exit_fn))
  (core func $exit_lowered (canon lower (func $exit_fn)))
  (core module $componentize_qjs_runtime.wasm
    (import "host" "exit" (func $exit (param i32)))
    (func (export "handle") (call $exit (i32.const 0))))
  (core instance $qjs (instantiate $componentize_qjs_runtime.wasm
    (with "host" (instance (export "exit" (func $exit_lowered))))))
  (func $handle (canon lift (core func $qjs "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.12" (instance $handler)))
