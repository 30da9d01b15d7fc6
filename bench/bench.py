#!/usr/bin/env python3
"""wcaudit benchmark driver (stdlib only, Python 3.11).  Normally run via bench/run.sh.

Method (meant to survive a noisy 2-core machine):
  * every input is read once by every tool before timing (warm-up, page cache);
  * then N rounds; in each round every tool runs once, and the tool order rotates
    from round to round, so a burst of background load hits all tools alike and
    the wcaudit/validate ratios stay meaningful even when absolute times wobble;
  * wall time = perf_counter around the child (includes the RSS wrapper's own
    fork/exec; the "harness floor" line shows that constant);
    cpu time = user+sys of the child from getrusage(RUSAGE_CHILDREN) deltas
    (wasm-tools validate is multi-threaded, wcaudit is not: compare both);
  * peak RSS = max over runs of /usr/bin/time -f %M (or, without GNU time, a
    python wrapper reporting getrusage(RUSAGE_CHILDREN).ru_maxrss);
  * exit status is checked on every run; figures from a run that failed are
    shown but flagged, and ratios are only printed when both sides succeeded.
  MB = 10^6 bytes, MiB = 2^20 bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN = HERE / "gen_component.py"
RSS_WRAP = HERE / "rss_wrap.py"


def die(msg: str, code: int = 1) -> None:
    print(f"bench: error: {msg}", file=sys.stderr)
    sys.exit(code)


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- tools ----

@dataclass
class Tool:
    name: str
    argv: list[str]            # "{}" is replaced by the input path
    ok_codes: tuple[int, ...]  # exit codes that mean "did its job"
    cwd: str | None = None

    def cmd(self, path: str) -> list[str]:
        return [path if a == "{}" else a for a in self.argv]


@dataclass
class Sample:
    wall_ms: float
    cpu_ms: float
    rss_kib: int
    rc: int


@dataclass
class Result:
    tool: Tool
    samples: list[Sample] = field(default_factory=list)
    stderr_tail: str = ""

    @property
    def codes(self) -> list[int]:
        return sorted({s.rc for s in self.samples})

    @property
    def ok(self) -> bool:
        return bool(self.samples) and all(s.rc in self.tool.ok_codes for s in self.samples)

    def status(self) -> str:
        c = self.codes
        if not self.ok:
            if self.tool.name == "wcaudit" and c == [2]:
                return "input-err"
            return "ERR rc=" + "/".join(map(str, c))
        if self.tool.name == "wcaudit":
            return "findings" if c == [1] else ("ok" if c == [0] else "ok/findings")
        return "ok"

    def med(self, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)

    def min(self, attr: str) -> float:
        return min(getattr(s, attr) for s in self.samples)

    def mad_pct(self) -> float:
        m = self.med("wall_ms")
        dev = statistics.median(abs(s.wall_ms - m) for s in self.samples)
        return 100.0 * dev / m if m else 0.0

    def peak_mib(self) -> float:
        return max(s.rss_kib for s in self.samples) / 1024.0


class Runner:
    def __init__(self, time_bin: str | None):
        self.time_bin = time_bin
        self.method = (f"{time_bin} -f %M" if time_bin
                       else "python wrapper, getrusage(RUSAGE_CHILDREN).ru_maxrss")

    def run(self, argv: list[str], cwd: str | None = None) -> tuple[Sample, str]:
        with tempfile.NamedTemporaryFile("w+", prefix="bench-rss-") as rf, \
                tempfile.TemporaryFile("w+b") as ef:
            if self.time_bin:
                full = [self.time_bin, "-f", "%M", "-o", rf.name, "--"] + argv
            else:
                full = [sys.executable, "-S", str(RSS_WRAP), rf.name, "--"] + argv
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            p = subprocess.run(full, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=ef, cwd=cwd)
            t1 = time.perf_counter()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1e3
            wall = (t1 - t0) * 1e3
            rf.seek(0)
            lines = [ln.strip() for ln in rf.read().splitlines() if ln.strip()]
            rss = -1
            if self.time_bin:
                # GNU time prints "Command exited with non-zero status N" before %M
                if lines and lines[-1].isdigit():
                    rss = int(lines[-1])
            elif lines:
                # the wrapper measures the child itself, excluding its own start-up
                f = lines[-1].split()
                rss, wall, cpu = int(f[0]), float(f[1]), float(f[2])
            ef.seek(0)
            err = ef.read()[-2000:].decode("utf-8", "replace")
            return Sample(wall, cpu, rss, p.returncode), err


def measure(runner: Runner, tools: list[Tool], path: Path, runs: int, warmup: int) -> list[Result]:
    results = [Result(t) for t in tools]
    for _ in range(warmup):
        for r in results:
            runner.run(r.tool.cmd(str(path)), r.tool.cwd)
    for i in range(runs):
        k = i % len(results)
        for r in results[k:] + results[:k]:       # rotate the order every round
            s, err = runner.run(r.tool.cmd(str(path)), r.tool.cwd)
            r.samples.append(s)
            if s.rc not in r.tool.ok_codes:
                r.stderr_tail = err
    return results


# --------------------------------------------------------------- inputs ----

def parse_size(s: str) -> int:
    s = s.strip().upper().rstrip("B")
    mult = {"K": 10**3, "M": 10**6, "G": 10**9}
    if s and s[-1] in mult:
        return int(float(s[:-1]) * mult[s[-1]])
    return int(s)


def run_checked(argv: list[str], what: str) -> subprocess.CompletedProcess:
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        die(f"{what} failed (exit {p.returncode}): {' '.join(argv)}\n{p.stderr[-3000:]}")
    return p


class Generator:
    def __init__(self, out: Path, wasm_tools: str, seed: int, keep_wat: bool):
        self.out, self.wt, self.seed, self.keep_wat = out, wasm_tools, seed, keep_wat
        out.mkdir(parents=True, exist_ok=True)
        ver = run_checked([wasm_tools, "--version"], "wasm-tools --version").stdout.strip()
        h = hashlib.sha256(GEN.read_bytes() + ver.encode())
        self.tag = h.hexdigest()[:10]
        self._per_func: tuple[float, float] | None = None

    def build(self, k: int, label: str) -> Path:
        wasm = self.out / f"gen-{label}-k{k}-s{self.seed}-{self.tag}.wasm"
        if wasm.exists() and wasm.stat().st_size > 0:
            return wasm
        wat = wasm.with_suffix(".wat")
        tmp = wasm.with_suffix(".wasm.tmp")
        t0 = time.perf_counter()
        run_checked([sys.executable, str(GEN), "--funcs", str(k), "--seed", str(self.seed),
                     "-o", str(wat)], f"generator (K={k})")
        run_checked([self.wt, "parse", str(wat), "-o", str(tmp)], f"wasm-tools parse {wat.name}")
        tmp.rename(wasm)
        if not self.keep_wat:
            wat.unlink()
        log(f"generated {wasm.name} ({wasm.stat().st_size:,} B, K={k}) "
            f"in {time.perf_counter() - t0:.1f}s")
        return wasm

    def calibrate(self) -> tuple[float, float]:
        """(fixed bytes, bytes per function), measured on two small builds."""
        if self._per_func is None:
            k1, k2 = 200, 2000
            s1 = self.build(k1, "cal").stat().st_size
            s2 = self.build(k2, "cal").stat().st_size
            per = (s2 - s1) / (k2 - k1)
            self._per_func = (s1 - per * k1, per)
        return self._per_func

    def for_size(self, target: int, label: str) -> Path:
        base, per = self.calibrate()
        k = max(1, round((target - base) / per))
        return self.build(k, label)


def validate(wasm_tools: str, path: Path) -> tuple[bool, str]:
    p = subprocess.run([wasm_tools, "validate", str(path)], capture_output=True, text=True)
    return p.returncode == 0, (p.stderr.strip().splitlines() or [""])[-1][:160]


# --------------------------------------------------------------- report ----

def fmt_ms(x: float) -> str:
    return f"{x:,.1f}" if x < 1000 else f"{x:,.0f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b > 0 else "n/a"


def print_input_table(label: str, path: Path, results: list[Result], note: str) -> dict:
    size = path.stat().st_size
    mb = size / 1e6
    print(f"\n== {label}  ({size:,} B = {mb:.3f} MB){'  ' + note if note else ''}")
    hdr = f"  {'tool':<21}{'status':<12}{'median ms':>11}{'min ms':>10}{'MAD%':>7}{'cpu ms':>10}{'peak MiB':>10}"
    print(hdr)
    print("  " + "-" * (len(hdr) - 2))
    for r in results:
        print(f"  {r.tool.name:<21}{r.status():<12}{fmt_ms(r.med('wall_ms')):>11}"
              f"{fmt_ms(r.min('wall_ms')):>10}{r.mad_pct():>6.1f}%{fmt_ms(r.med('cpu_ms')):>10}"
              f"{r.peak_mib():>10.1f}")
    by = {r.tool.name: r for r in results}
    wc, va, wi = by.get("wcaudit"), by.get("wasm-tools validate"), by.get("wasm-tools wit")
    row = {"label": label, "mb": mb, "wc": None, "ms_per_mb": None,
           "t_ratio": None, "c_ratio": None, "m_ratio": None, "wc_status": wc.status()}
    if wc and wc.ok:
        row["wc"] = wc.med("wall_ms")
        row["wc_mib"] = wc.peak_mib()
        row["ms_per_mb"] = wc.med("wall_ms") / mb if mb else None
        print(f"  wcaudit: {row['ms_per_mb']:,.1f} ms per MB (median wall / size)")
    if wc and va and wc.ok and va.ok:
        row["t_ratio"] = wc.med("wall_ms") / va.med("wall_ms")
        row["c_ratio"] = wc.med("cpu_ms") / va.med("cpu_ms") if va.med("cpu_ms") > 0 else None
        row["m_ratio"] = wc.peak_mib() / va.peak_mib()
        line = (f"  wcaudit/validate: time {ratio(wc.med('wall_ms'), va.med('wall_ms'))}"
                f" (cpu {ratio(wc.med('cpu_ms'), va.med('cpu_ms'))}),"
                f" memory {ratio(wc.peak_mib(), va.peak_mib())}")
        if wi and wi.ok:
            line += (f";  wcaudit/wit: time {ratio(wc.med('wall_ms'), wi.med('wall_ms'))},"
                     f" memory {ratio(wc.peak_mib(), wi.peak_mib())}")
        print(line)
    else:
        why = [f"{r.tool.name} {r.status()}" for r in (wc, va) if r and not r.ok]
        print(f"  ratios: n/a ({', '.join(why)})")
    for r in results:
        if not r.ok and r.stderr_tail.strip():
            last = r.stderr_tail.strip().splitlines()[-1][:150]
            print(f"  {r.tool.name} stderr: {last}")
    return row


def fit(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if len(points) < 2:
        return None
    xs, ys = zip(*points)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return slope, my - slope * mx


def print_summary(rows: list[dict], gen_rows: list[dict]) -> None:
    print("\n== summary (wcaudit; ratios are wcaudit / wasm-tools validate)")
    hdr = (f"  {'input':<40}{'MB':>9}{'status':>11}{'med ms':>10}{'ms/MB':>9}"
           f"{'MiB':>8}{'time x':>8}{'cpu x':>7}{'mem x':>7}")
    print(hdr)
    print("  " + "-" * (len(hdr) - 2))

    def f(v, spec):
        return format(v, spec) if v is not None else "-"
    for r in rows:
        print(f"  {r['label'][:39]:<40}{r['mb']:>9.3f}{r['wc_status']:>11}"
              f"{f(r['wc'], ',.1f'):>10}{f(r['ms_per_mb'], ',.1f'):>9}"
              f"{f(r.get('wc_mib'), '.1f'):>8}{f(r['t_ratio'], '.2f'):>8}"
              f"{f(r['c_ratio'], '.2f'):>7}{f(r['m_ratio'], '.2f'):>7}")
    pts = [(r["mb"], r["wc"]) for r in gen_rows if r["wc"] is not None]
    t = fit(pts)
    m = fit([(r["mb"], r["wc_mib"]) for r in gen_rows if r["wc"] is not None])
    if t and m:
        print(f"\n  scaling over generated inputs (least squares, {len(pts)} points):"
              f" wall ≈ {t[1]:.1f} ms + {t[0]:.1f} ms/MB;  peak RSS ≈ {m[1]:.1f} MiB + {m[0]:.2f} MiB/MB")


# ----------------------------------------------------------------- main ----

def tool_version(argv: list[str]) -> str:
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (p.stdout.strip() or p.stderr.strip()).splitlines()[0]
    except Exception as e:  # noqa: BLE001 - informational only
        return f"? ({e})"


def main() -> int:
    ap = argparse.ArgumentParser(description="wcaudit benchmark")
    ap.add_argument("--wcaudit", required=True)
    ap.add_argument("--wasm-tools", required=True)
    ap.add_argument("--blint", default="", help="path to blint, empty = skip")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--sizes", default="10K 1M 10M 20M",
                    help="generated component sizes, e.g. '10K 1M 10M' (empty = none)")
    ap.add_argument("--corpus", default="", help="directory of *.wasm to benchmark too")
    ap.add_argument("--out", required=True, help="cache directory for generated inputs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep-wat", action="store_true")
    a = ap.parse_args()
    if a.runs < 1:
        die("--runs must be >= 1")

    time_bin = "/usr/bin/time"
    if not (os.access(time_bin, os.X_OK) and
            subprocess.run([time_bin, "-f", "%M", "-o", os.devnull, "true"],
                           capture_output=True).returncode == 0):
        time_bin = None
    runner = Runner(time_bin)

    tmp = tempfile.mkdtemp(prefix="bench-blint-")
    tools = [
        Tool("wcaudit", [a.wcaudit, "check", "{}", "--format", "sarif", "--output", "/dev/null"],
             (0, 1)),
        Tool("wasm-tools validate", [a.wasm_tools, "validate", "{}"], (0,)),
        Tool("wasm-tools wit", [a.wasm_tools, "component", "wit", "{}"], (0,)),
    ]
    if a.blint:
        tools.append(Tool("blint", [a.blint, "-i", "{}", "-o", tmp], (0,), cwd=tmp))

    # ---- header: everything a reviewer needs to judge the numbers
    load0 = os.getloadavg()
    cpu_model = "?"
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu_model = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print("wcaudit benchmark")
    print(f"  host: {platform.node()}  {platform.system()} {platform.release()}  "
          f"{os.cpu_count()} CPUs ({cpu_model})")
    print(f"  wcaudit: {a.wcaudit}  [{tool_version([a.wcaudit, '--version'])}]")
    print(f"  wasm-tools: {a.wasm_tools}  [{tool_version([a.wasm_tools, '--version'])}]")
    if a.blint:
        print(f"  blint: {a.blint}")
    else:
        print("  blint: not on PATH, skipped (BENCH_BLINT=1 to pip install it)")
    print(f"  runs: {a.runs} timed (+{a.warmup} warm-up) per tool per input, order rotated per round")
    print(f"  peak RSS via: {runner.method}")
    print(f"  load average at start: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}")
    print("  columns: median/min wall ms; MAD% = median abs. deviation of wall / median;"
          " cpu ms = median user+sys; peak MiB = max RSS over runs")

    # ---- inputs
    inputs: list[tuple[str, Path, bool]] = []     # (label, path, generated?)
    sizes = a.sizes.split()
    if sizes:
        gen = Generator(Path(a.out), a.wasm_tools, a.seed, a.keep_wat)
        for s in sizes:
            target = parse_size(s)
            p = gen.for_size(target, s.upper())
            ok, msg = validate(a.wasm_tools, p)
            if not ok:
                die(f"generated {p} does not validate: {msg}")
            inputs.append((f"generated {s.upper()} ({p.name.split('-')[2]})", p, True))
        print(f"  generated inputs cached in: {Path(a.out).resolve()}")
    if a.corpus:
        cdir = Path(a.corpus)
        if cdir.is_dir():
            files = sorted(cdir.glob("*.wasm"))
            print(f"  corpus: {cdir.resolve()} ({len(files)} *.wasm)")
            inputs += [(f.name, f, False) for f in files]
        else:
            print(f"  corpus: {cdir} not found, skipped")

    # ---- harness floor
    fl = [runner.run(["true"])[0] for _ in range(max(15, a.runs))]
    floor = [s.wall_ms for s in fl]
    print(f"  harness floor (`true` through the same wrapper, {len(floor)} runs): "
          f"median {statistics.median(floor):.2f} ms, min {min(floor):.2f} ms, "
          f"peak RSS {max(s.rss_kib for s in fl) / 1024:.1f} MiB")

    rows, gen_rows = [], []
    for label, path, generated in inputs:
        note = ""
        if not generated:
            ok, msg = validate(a.wasm_tools, path)
            if not ok:
                msg = msg.replace(str(path), path.name)
                note = f"[invalid: {msg[:90]}]"
        res = measure(runner, tools, path, a.runs, a.warmup)
        row = print_input_table(label, path, res, note)
        rows.append(row)
        if generated:
            gen_rows.append(row)
    if rows:
        print_summary(rows, gen_rows)
    load1 = os.getloadavg()
    print(f"\n  load average at end: {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}"
          f"  (>{os.cpu_count()} means other work competed for the CPUs; treat ratios as"
          " more reliable than absolute times)")
    print("  rows whose median is within ~2x of the harness floor mostly measure process"
          " start-up; use the MB-sized rows and the scaling fit for throughput")
    shutil.rmtree(tmp, ignore_errors=True)
    bad = [r for r in rows if r["wc_status"].startswith("ERR")]
    if bad:
        log("wcaudit failed unexpectedly on: " + ", ".join(r["label"] for r in bad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
