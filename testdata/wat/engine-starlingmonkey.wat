;; What jco / componentize-js leave in a component: producers that say
;; ComponentizeJS and JavaScript, and one engine module (StarlingMonkey,
;; built from C++ and Rust, named `main`). The program is JavaScript held
;; as data, so what the engine calls is the runtime's, never `reached`.
(component
  (@producers (processed-by "ComponentizeJS" "0.22.0") (language "JavaScript" ""))
  (import "wasi:sockets/tcp-create-socket@0.2.12" (instance $tcp
    (export "create-tcp-socket" (func (param "family" u8) (result u32)))))
  (alias export $tcp "create-tcp-socket" (func $create))
  (core func $create_lowered (canon lower (func $create)))
  (core module $main
    (import "host" "create" (func $create (param i32) (result i32)))
    (func (export "run") (result i32) (call $create (i32.const 0))))
  (core instance $main (instantiate $main
    (with "host" (instance (export "create" (func $create_lowered))))))
  (func $run (result u32) (canon lift (core func $main "run")))
  (export "run" (func $run)))
