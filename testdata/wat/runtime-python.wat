;; A component carrying a module named like CPython's shared library, as
;; componentize-py builds do: the program is data the interpreter runs.
(component
  (core module $libpython3.14.so
    (memory (export "memory") 1)
    (data (i32.const 0) "print('hello')")
    (func (export "run") (result i32) (i32.const 0)))
  (core instance $python (instantiate $libpython3.14.so))
  (func $run (result u32) (canon lift (core func $python "run")))
  (export "run" (func $run)))
