#!/usr/bin/env python3
"""Emit WebAssembly *text* for a synthetic component of tunable size.

Stdlib only (Python 3.11).  Convert with:  wasm-tools parse OUT.wat -o OUT.wasm

Shape of the output
-------------------
(component
  instance imports  bench:gen/host@0.1.0           f0..f{H-1}: func(x: u32) -> u32
                    bench:gen/log@0.1.0            emit: func(x: u32)
                    wasi:random/random@0.2.12      get-random-u64: func() -> u64
                    wasi:clocks/monotonic-clock@0.2.12  now: func() -> u64
                    bench:gen/unused@0.1.0         never called (an unused import)
  canon lower of every imported func -> core instances -> instantiate core module
  core module with K functions:
    * two signatures: (i32)->i32 and (i32 i32)->i32
    * direct calls, mostly "downwards" in a layered call graph plus some back
      edges (recursion cycles), some calls inside `loop`s
    * call_indirect through a funcref table filled by an active elem segment
      (roughly every 4th function is address-taken)
    * memory loads/stores, calls to the lowered imports
  canon lift of core export "run" -> component export `run: func(x: u32) -> u32`
)

The output is deterministic for a given (--funcs, --seed).
"""
from __future__ import annotations

import argparse
import random
import sys

HOST_FUNCS = 8          # bench:gen/host@0.1.0 exports f0..f7
HOST_USED = 5           # only f0..f4 are ever called from core code
UNUSED_FUNCS = 3        # bench:gen/unused@0.1.0 exports g0..g2, never called

# core function index space: imports first, then defined functions
IMP_HOST = 0                          # host f0..f{HOST_FUNCS-1}: (i32)->i32
IMP_LOG = HOST_FUNCS                  # log emit: (i32)->()
IMP_RAND = HOST_FUNCS + 1             # get-random-u64: ()->i64
IMP_NOW = HOST_FUNCS + 2              # now: ()->i64
IMP_UNUSED = HOST_FUNCS + 3           # g0..: (i32)->i32
N_IMPORTS = IMP_UNUSED + UNUSED_FUNCS

T_UNARY, T_BINARY, T_VOID, T_I64 = 0, 1, 2, 3


def component_header(out) -> None:
    w = out.write
    w("(component\n")
    w('  (import "bench:gen/host@0.1.0" (instance $host\n')
    for i in range(HOST_FUNCS):
        w(f'    (export "f{i}" (func (param "x" u32) (result u32)))\n')
    w("  ))\n")
    w('  (import "bench:gen/log@0.1.0" (instance $log\n')
    w('    (export "emit" (func (param "x" u32)))\n')
    w("  ))\n")
    w('  (import "wasi:random/random@0.2.12" (instance $random\n')
    w('    (export "get-random-u64" (func (result u64)))\n')
    w("  ))\n")
    w('  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $clock\n')
    w('    (type $instant u64)\n')
    w('    (export "instant" (type $instant\' (eq $instant)))\n')
    w('    (export "now" (func (result $instant\')))\n')
    w("  ))\n")
    w('  (import "bench:gen/unused@0.1.0" (instance $unused\n')
    for i in range(UNUSED_FUNCS):
        w(f'    (export "g{i}" (func (param "x" u32) (result u32)))\n')
    w("  ))\n")


def core_module(out, k: int, rng: random.Random) -> None:
    w = out.write
    w("  (core module $m\n")
    w("    (type (func (param i32) (result i32)))\n")          # 0 unary
    w("    (type (func (param i32 i32) (result i32)))\n")      # 1 binary
    w("    (type (func (param i32)))\n")                       # 2 void
    w("    (type (func (result i64)))\n")                      # 3 i64
    for i in range(HOST_FUNCS):
        w(f'    (import "host" "f{i}" (func (type 0)))\n')
    w('    (import "log" "emit" (func (type 2)))\n')
    w('    (import "random" "get-random-u64" (func (type 3)))\n')
    w('    (import "clock" "now" (func (type 3)))\n')
    for i in range(UNUSED_FUNCS):
        w(f'    (import "unused" "g{i}" (func (type 0)))\n')
    w("    (memory 1)\n")

    # signature of each defined function (function 0 = "run", unary)
    sigs = [T_UNARY] + [T_BINARY if rng.random() < 0.3 else T_UNARY
                        for _ in range(k - 1)]
    taken = [i for i in range(k) if i % 4 == 1] or [0]
    w(f"    (table {len(taken)} funcref)\n")
    # elem segment: chunked over several lines to keep lines short
    w("    (elem (i32.const 0) func")
    for n, i in enumerate(taken):
        if n % 32 == 0:
            w("\n     ")
        w(f" {N_IMPORTS + i}")
    w(")\n")
    # layered call graph: function i calls mostly callees in (i, i+span]; the
    # last `span` functions are leaf-ish (fewer statements).  span scales with k
    # so that size stays ~linear in k.
    span = max(4, min(64, k // 16))
    for i in range(k):
        emit_func(w, i, k, sigs, len(taken), span, rng)
    w(f'    (export "run" (func {N_IMPORTS}))\n')
    w('    (export "memory" (memory 0))\n')
    w("  )\n")


def push_args(w, sig: int, a: str, b: str) -> None:
    w(f"      local.get {a}\n")
    if sig == T_BINARY:
        w(f"      local.get {b}\n")


def pick_callee(i: int, k: int, span: int, rng: random.Random) -> int:
    if k == 1:
        return 0
    r = rng.random()
    if r < 0.85 and i + 1 < k:                       # downwards, near
        return rng.randint(i + 1, min(k - 1, i + span))
    if r < 0.95:                                     # anywhere (may recurse)
        return rng.randrange(k)
    return max(0, i - rng.randint(1, span))          # back edge, near


def emit_func(w, i: int, k: int, sigs: list[int], tsize: int, span: int,
              rng: random.Random) -> None:
    sig = sigs[i]
    # params: 0 (and 1 when binary); locals: acc, i, tmp
    nparams = 2 if sig == T_BINARY else 1
    acc, it, tmp = nparams, nparams + 1, nparams + 2
    b = 1 if sig == T_BINARY else 0
    w(f"    (func (type {sig}) (local i32 i32 i32)\n")
    w("      local.get 0\n")
    w(f"      i32.const {rng.randint(3, 9973)}\n      i32.mul\n")
    if sig == T_BINARY:
        w("      local.get 1\n      i32.add\n")
    w(f"      local.set {acc}\n")
    # the leaf-ish tail of the graph calls less
    nstmts = rng.randint(2, 7) if i < k - span else rng.randint(1, 3)
    for _ in range(nstmts):
        r = rng.random()
        if r < 0.40:                                   # direct call
            c = pick_callee(i, k, span, rng)
            push_args(w, sigs[c], str(acc), str(b))
            w(f"      call {N_IMPORTS + c}\n")
            w(f"      local.get {acc}\n      i32.add\n      local.set {acc}\n")
        elif r < 0.60:                                 # calls inside a loop
            c = pick_callee(i, k, span, rng)
            n = rng.randint(2, 16)
            w(f"      i32.const 0\n      local.set {it}\n")
            w("      block\n        loop\n")
            w(f"          local.get {it}\n          i32.const {n}\n")
            w("          i32.ge_u\n          br_if 1\n")
            w(f"          local.get {it}\n")
            if sigs[c] == T_BINARY:
                w(f"          local.get {acc}\n")
            w(f"          call {N_IMPORTS + c}\n")
            w(f"          local.get {acc}\n          i32.xor\n          local.set {acc}\n")
            w(f"          local.get {it}\n          i32.const 1\n          i32.add\n")
            w(f"          local.set {it}\n          br 0\n")
            w("        end\n      end\n")
        elif r < 0.72:                                 # call_indirect
            t = T_BINARY if rng.random() < 0.3 else T_UNARY
            push_args(w, t, str(acc), str(b))
            w(f"      local.get 0\n      i32.const {tsize}\n      i32.rem_u\n")
            w(f"      call_indirect (type {t})\n      local.set {acc}\n")
        elif r < 0.82:                                 # host import
            h = rng.randrange(HOST_USED)
            w(f"      local.get {acc}\n      call {IMP_HOST + h}\n      local.set {acc}\n")
        elif r < 0.86:                                 # log / random / clock
            which = rng.randrange(3)
            if which == 0:
                w(f"      local.get {acc}\n      call {IMP_LOG}\n")
            else:
                w(f"      call {IMP_RAND if which == 1 else IMP_NOW}\n")
                w(f"      i32.wrap_i64\n      local.get {acc}\n      i32.add\n      local.set {acc}\n")
        else:                                          # memory traffic + branch
            off = rng.randrange(0, 4096, 4)
            w(f"      local.get 0\n      i32.const 4092\n      i32.and\n      local.set {tmp}\n")
            w(f"      local.get {tmp}\n      local.get {tmp}\n      i32.load offset={off}\n")
            w(f"      local.get {acc}\n      i32.add\n      i32.store offset={off}\n")
            w(f"      local.get {acc}\n      i32.eqz\n      if\n")
            w(f"        local.get {acc}\n        i32.const {rng.randint(1, 31)}\n")
            w(f"        i32.rotl\n        local.set {acc}\n      end\n")
    w(f"      local.get {acc}\n    )\n")


def component_footer(out) -> None:
    w = out.write
    for i in range(HOST_FUNCS):
        w(f'  (core func $host_f{i} (canon lower (func $host "f{i}")))\n')
    w('  (core func $log_emit (canon lower (func $log "emit")))\n')
    w('  (core func $rand (canon lower (func $random "get-random-u64")))\n')
    w('  (core func $now (canon lower (func $clock "now")))\n')
    for i in range(UNUSED_FUNCS):
        w(f'  (core func $unused_g{i} (canon lower (func $unused "g{i}")))\n')
    w("  (core instance $host_core\n")
    for i in range(HOST_FUNCS):
        w(f'    (export "f{i}" (func $host_f{i}))\n')
    w("  )\n")
    w('  (core instance $log_core (export "emit" (func $log_emit)))\n')
    w('  (core instance $random_core (export "get-random-u64" (func $rand)))\n')
    w('  (core instance $clock_core (export "now" (func $now)))\n')
    w("  (core instance $unused_core\n")
    for i in range(UNUSED_FUNCS):
        w(f'    (export "g{i}" (func $unused_g{i}))\n')
    w("  )\n")
    w("  (core instance $i (instantiate $m\n")
    w('    (with "host" (instance $host_core))\n')
    w('    (with "log" (instance $log_core))\n')
    w('    (with "random" (instance $random_core))\n')
    w('    (with "clock" (instance $clock_core))\n')
    w('    (with "unused" (instance $unused_core))\n')
    w("  ))\n")
    w('  (func $run (param "x" u32) (result u32) (canon lift (core func $i "run")))\n')
    w('  (export "run" (func $run))\n')
    w(")\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--funcs", type=int, required=True, help="K: defined core functions (>=1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-", help="output .wat (default stdout)")
    a = ap.parse_args()
    if a.funcs < 1:
        ap.error("--funcs must be >= 1")
    rng = random.Random(a.seed)
    out = sys.stdout if a.output == "-" else open(a.output, "w", buffering=1 << 20)
    try:
        component_header(out)
        core_module(out, a.funcs, rng)
        component_footer(out)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
