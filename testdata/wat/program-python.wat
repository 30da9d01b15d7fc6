;; A componentize-py component in miniature: producers that say
;; componentize-py, and a heap image that records the program's module
;; path (`/0/app.py`) and the names it defines, as CPython's snapshot does;
;; no source text. `--program testdata/programs/python` is matched to it.
;; The store's bucket resource is what tests follow from `open` to its
;; methods.
(component
  (@producers (processed-by "componentize-py" "0.25.1") (language "Python" ""))
  (import "wasi:cli/environment@0.2.12" (instance $environment
    (export "get-environment" (func (result u32)))))
  (import "wasi:sockets/tcp-create-socket@0.2.12" (instance $tcp
    (export "create-tcp-socket" (func (param "family" u8) (result u32)))))
  (import "test:app/store@0.1.0" (instance
    (export "bucket" (type (sub resource)))
    (export "open" (func (result (own 0))))
    (export "[method]bucket.get" (func (param "self" (borrow 0)) (param "key" u32) (result u32)))
    (export "[method]bucket.clear" (func (param "self" (borrow 0))))))
  (import "test:app/counter@0.1.0" (instance $counter
    (export "get-count" (func (param "n" u32) (result u32)))))
  (alias export $counter "get-count" (func $get-count))
  (core func $get_count (canon lower (func $get-count)))
  (alias export $environment "get-environment" (func $get-environment))
  (core func $get_environment (canon lower (func $get-environment)))
  (alias export $tcp "create-tcp-socket" (func $create-tcp-socket))
  (core func $create_tcp_socket (canon lower (func $create-tcp-socket)))
  (core module $engine
    (import "host" "get-count" (func $get_count (param i32) (result i32)))
    (import "host" "get-environment" (func $get_environment (result i32)))
    (import "host" "create-tcp-socket" (func $create_tcp_socket (param i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 4096) "/0/app.py\00app\00NAMES\00Processor\00process\00get_count\00")
    (func (export "process") (result i32)
      ;; The engine's dispatcher: it can call every import.
      (drop (call $get_environment))
      (drop (call $create_tcp_socket (i32.const 0)))
      (call $get_count (i32.const 5))))
  (core instance $engine (instantiate $engine
    (with "host" (instance
      (export "get-count" (func $get_count))
      (export "get-environment" (func $get_environment))
      (export "create-tcp-socket" (func $create_tcp_socket))))))
  (func $process (result u32) (canon lift (core func $engine "process")))
  (instance $processor (export "process" (func $process)))
  (export "test:app/processor@0.1.0" (instance $processor)))
