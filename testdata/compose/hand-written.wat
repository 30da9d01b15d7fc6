;; A guest and a provider composed by hand in the layout `wac plug` gives
;; wit-component outputs: the provider lifts its core function, passes it
;; into a shim component that re-exports it with a type ascription, and
;; exports the shim's instance; the outer component aliases that instance
;; out of the provider's instance and instantiates the guest with it as an
;; instance-typed import. The guest's `process` calls `get-header` 8 × 8
;; times, each call copying a string in and an option<string> out.
(component
  (component $host
    (core module $m
      (memory (export "memory") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
      (func (export "get-header") (param i32 i32) (result i32)
        (i32.store8 (i32.const 256) (i32.const 0))
        (i32.const 256)))
    (core instance $i (instantiate $m))
    (alias core export $i "memory" (core memory $memory))
    (alias core export $i "realloc" (core func $realloc))
    (type $get-header-type (func (param "name" string) (result (option string))))
    (func $get-header (type $get-header-type)
      (canon lift (core func $i "get-header") (memory $memory) (realloc $realloc) string-encoding=utf8))
    (component $shim
      (type $f (func (param "name" string) (result (option string))))
      (import "import-func-get-header" (func (type $f)))
      (type $g (func (param "name" string) (result (option string))))
      (export "get-header" (func 0) (func (type $g))))
    (instance $shim-instance (instantiate $shim (with "import-func-get-header" (func $get-header))))
    (export "corpus:headers/fine@0.1.0" (instance $shim-instance)))
  (component $guest
    (type $fine
      (instance
        (type $f (func (param "name" string) (result (option string))))
        (export "get-header" (func (type $f)))))
    (import "corpus:headers/fine@0.1.0" (instance $fine (type $fine)))
    (core module $libc
      (memory (export "memory") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 2048)))
    (core instance $libc (instantiate $libc))
    (alias core export $libc "memory" (core memory $memory))
    (alias core export $libc "realloc" (core func $realloc))
    (alias export $fine "get-header" (func $get-header))
    (core func $get-header-lowered
      (canon lower (func $get-header) (memory $memory) (realloc $realloc) string-encoding=utf8))
    (core module $main
      (import "libc" "memory" (memory 1))
      (import "corpus:headers/fine@0.1.0" "get-header" (func $get_header (param i32 i32 i32)))
      (func (export "process") (result i32)
        (local $round i32) (local $i i32) (local $found i32)
        (loop $rounds
          (local.set $i (i32.const 0))
          (loop $names
            (call $get_header (i32.const 512) (i32.const 4) (i32.const 128))
            (local.set $found (i32.add (local.get $found) (i32.load8_u (i32.const 128))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $names (i32.lt_u (local.get $i) (i32.const 8))))
          (local.set $round (i32.add (local.get $round) (i32.const 1)))
          (br_if $rounds (i32.lt_u (local.get $round) (i32.const 8))))
        (local.get $found)))
    (core instance $main (instantiate $main
      (with "libc" (instance $libc))
      (with "corpus:headers/fine@0.1.0" (instance (export "get-header" (func $get-header-lowered))))))
    (func $process (result u32) (canon lift (core func $main "process")))
    (export "process" (func $process)))
  (instance $host-instance (instantiate $host))
  (alias export $host-instance "corpus:headers/fine@0.1.0" (instance $fine))
  (instance $guest-instance (instantiate $guest (with "corpus:headers/fine@0.1.0" (instance $fine))))
  (export "process" (func $guest-instance "process")))
