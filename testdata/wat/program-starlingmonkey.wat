;; A componentize-js component in miniature: producers that say
;; ComponentizeJS, and an engine module whose memory image holds the
;; program's source text (testdata/programs/js/app.js, whole, as
;; SpiderMonkey keeps it), one of jco's binding modules, and a module of
;; the engine's own that is not the program. The environment and counter
;; imports are the program's; sockets it never uses.
(component
  (@producers (processed-by "ComponentizeJS" "0.22.0") (language "JavaScript" ""))
  (import "wasi:cli/environment@0.2.12" (instance $environment
    (export "get-environment" (func (result u32)))))
  (import "wasi:sockets/tcp-create-socket@0.2.12" (instance $tcp
    (export "create-tcp-socket" (func (param "family" u8) (result u32)))))
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
    (data (i32.const 1024) "const { 'getCount': e0 } = import.meta.builtin;\0aexport { e0 as 'getCount' }\0a\00")
    (data (i32.const 2048) "export function internalHelper() { return 1; }\0a\00")
    (data (i32.const 4096) "\01\02\03\04// The program of testdata/wat/program-starlingmonkey.wat, as jco was given it.\0aimport { getEnvironment } from \22wasi:cli/environment@0.2.12\22;\0aimport { getCount } from \22test:app/counter@0.1.0\22;\0a\0aconst NAMES = [\22alpha\22, \22beta\22, \22gamma\22];\0a\0aexport function run() {\0a  let total = 0;\0a  for (const name of NAMES) total += getCount(name.length);\0a  return total + getEnvironment().length;\0a}\0a\00\00\00\00")
    (func (export "run") (result i32)
      ;; The engine's dispatcher: it can call every import.
      (drop (call $get_environment))
      (drop (call $create_tcp_socket (i32.const 0)))
      (call $get_count (i32.const 5))))
  (core instance $engine (instantiate $engine
    (with "host" (instance
      (export "get-count" (func $get_count))
      (export "get-environment" (func $get_environment))
      (export "create-tcp-socket" (func $create_tcp_socket))))))
  (func $run (result u32) (canon lift (core func $engine "run")))
  (export "run" (func $run)))
