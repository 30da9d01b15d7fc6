#!/usr/bin/env bash
# Builds WebAssembly components with the real JavaScript and Python toolchains,
# so wcaudit can be tried on components nobody on the team wrote by hand.
#
# Usage: scripts/build-toolchain-components.sh [--force] [--with-aot]
#   --force     rebuild components that already exist
#   --with-aot  also try `jco componentize --aot` (optional: weval downloads its
#               binary from GitHub at build time, so it fails without that access;
#               its failure does not fail the script)
#
# Needs node >= 18 with npm, python3 >= 3.10 with venv, and access to the npm
# registry and PyPI. Toolchains go to target/toolchains (exact versions:
# scripts/toolchain-src/package.json + package-lock.json, and
# COMPONENTIZE_PY_VERSION below); components, build logs and VERSIONS.txt go to
# target/toolchain-components. Exits 1 if a required variant fails to build.
# The toolchain wrappers below are called through build's "$@".
# shellcheck disable=SC2317
set -euo pipefail

COMPONENTIZE_PY_VERSION=0.25.1

force=0
with_aot=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --with-aot) with_aot=1 ;;
    -h | --help)
      sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "build-toolchain-components: unknown argument '$arg' (try --help)" >&2
      exit 2
      ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$root/scripts/toolchain-src
tools=$root/target/toolchains
out=$root/target/toolchain-components
work=$tools/work
mkdir -p "$tools" "$out/logs" "$work"

need() {
  command -v "$1" >/dev/null || {
    echo "build-toolchain-components: '$1' is not installed ($2)" >&2
    exit 2
  }
}
need node "Node.js 18 or newer runs jco, componentize-js and componentize-qjs"
need npm "npm installs the JavaScript toolchains"
need python3 "python3 with venv installs componentize-py"

# --- toolchains -------------------------------------------------------------

npm_dir=$tools/npm
nm=$npm_dir/node_modules
install_npm() {
  # The lock (without registry addresses) pins every transitive version; the
  # stamp lets a rerun skip `npm ci` while the pins are unchanged.
  local stamp=$npm_dir/.installed
  local want
  want=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" && -d $nm ]]; then
    return
  fi
  echo "installing npm toolchains into $npm_dir"
  mkdir -p "$npm_dir"
  cp "$src/package.json" "$src/package-lock.json" "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error) >"$out/logs/npm-install.log" 2>&1 || {
    echo "npm ci failed; see $out/logs/npm-install.log" >&2
    exit 1
  }
  echo "$want" >"$stamp"
}

venv=$tools/py
install_py() {
  if [[ -x $venv/bin/componentize-py ]] &&
    [[ $("$venv/bin/componentize-py" --version 2>/dev/null) == "componentize-py $COMPONENTIZE_PY_VERSION" ]]; then
    return
  fi
  echo "installing componentize-py $COMPONENTIZE_PY_VERSION into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "componentize-py==$COMPONENTIZE_PY_VERSION" >"$out/logs/pip-install.log" 2>&1 || {
    echo "pip install failed; see $out/logs/pip-install.log" >&2
    exit 1
  }
}

install_npm
install_py

pkg_version() { node -p "require('$nm/$1/package.json').version"; }
{
  echo "node $(node --version)"
  echo "@bytecodealliance/jco $(pkg_version @bytecodealliance/jco)"
  echo "  its @bytecodealliance/componentize-js (StarlingMonkey) $(pkg_version @bytecodealliance/jco/node_modules/@bytecodealliance/componentize-js)"
  echo "@bytecodealliance/componentize-js $(pkg_version @bytecodealliance/componentize-js)"
  echo "componentize-qjs $(pkg_version componentize-qjs)"
  echo "@bytecodealliance/preview2-shim $(pkg_version @bytecodealliance/preview2-shim)"
  "$venv/bin/componentize-py" --version
  echo "WASI WIT: jco's builtin 0.2.12 packages"
} >"$out/VERSIONS.txt"

# --- variants ---------------------------------------------------------------

wasi_wit=$nm/@bytecodealliance/jco/lib/wit/builtin/0.2.12
# jco and componentize-js need the host root preopened (see with-root-preopen.mjs).
jco() { node "$src/with-root-preopen.mjs" "$nm" @bytecodealliance/jco/dist/jco.js "$@"; }
componentize_js() { node "$src/with-root-preopen.mjs" "$nm" @bytecodealliance/componentize-js/src/cli.js "$@"; }
componentize_qjs() { "$nm/.bin/componentize-qjs" "$@"; }
componentize_py() { "$venv/bin/componentize-py" "$@"; }

# Copies a program's sources into a fresh directory, with the WASI WIT packages
# as wit/deps when its world includes a WASI world, and prints that directory.
stage() {
  local name=$1 program=$2 dir=$work/$1
  rm -rf "$dir"
  cp -r "$src/$program" "$dir"
  if grep -q 'include wasi:' "$dir/wit/world.wit"; then
    mkdir -p "$dir/wit/deps"
    cp -r "$wasi_wit"/* "$dir/wit/deps/"
  fi
  echo "$dir"
}

rows=()
failed=0
# build NAME TOOLCHAIN REQUIRED PROGRAM COMMAND...: COMMAND runs in the staged
# copy of PROGRAM and must write out.wasm there.
build() {
  local name=$1 toolchain=$2 required=$3 program=$4
  shift 4
  local dest=$out/$name.wasm log=$out/logs/$name.log status secs=-
  if [[ -f $dest && $force == 0 ]]; then
    status="exists (kept)"
  else
    local dir start
    dir=$(stage "$name" "$program")
    echo "building $name ($toolchain)"
    start=$(date +%s)
    if (cd "$dir" && "$@") >"$log" 2>&1 && [[ -s $dir/out.wasm ]]; then
      mv "$dir/out.wasm" "$dest"
      status=built
    elif [[ $required == yes ]]; then
      status="FAILED (see logs/$name.log)"
      failed=1
    else
      status="optional, not built (see logs/$name.log)"
    fi
    secs=$(($(date +%s) - start))
  fi
  local size=-
  [[ -f $dest ]] && size=$(($(stat -c %s "$dest") / 1024))KiB
  rows+=("$(printf '%-22s %-44s %-8s %-5s %s' "$name" "$toolchain" "$size" "$secs" "$status")")
}

build jco-sm-cli "jco componentize (StarlingMonkey)" yes js-cli \
  jco componentize app.js -w wit -n app -o out.wasm
build jco-sm-cli-no-http "jco componentize -d http" yes js-cli \
  jco componentize app.js -w wit -n app -d http -o out.wasm
build jco-sm-http-proxy "jco componentize, wasi:http/proxy handler" yes js-http \
  jco componentize app.js -w wit -n app -o out.wasm
build cjs-cli "componentize-js (StarlingMonkey) directly" yes js-cli \
  componentize_js app.js -w wit -n app -o out.wasm
build jco-qjs-cli "jco componentize --backend qjs" yes js-cli \
  jco componentize app.js -w wit -n app --backend qjs -o out.wasm
build cqjs-cli "componentize-qjs" yes js-cli \
  componentize_qjs --wit wit -n app --js app.js -o out.wasm
if componentize_qjs --help 2>/dev/null | grep -q -- '--sync'; then
  build cqjs-cli-sync "componentize-qjs --sync" yes js-cli \
    componentize_qjs --wit wit -n app --js app.js --sync -o out.wasm
else
  rows+=("$(printf '%-22s %-44s %-8s %-5s %s' cqjs-cli-sync "componentize-qjs --sync" - - "this componentize-qjs has no --sync")")
fi
build py-cli "componentize-py, wasi:cli/command" yes py-cli \
  componentize_py -d wit -w app componentize app -o out.wasm
build py-http-proxy "componentize-py, wasi:http/proxy" yes py-http \
  componentize_py -d wit -w app componentize app -o out.wasm
build py-custom-world "componentize-py, custom world (no WASI)" yes py-custom \
  componentize_py -d wit -w app componentize app -o out.wasm
if [[ $with_aot == 1 ]]; then
  build jco-sm-cli-aot "jco componentize --aot (weval, optional)" no js-cli \
    jco componentize app.js -w wit -n app --aot -o out.wasm
fi

echo
echo "components in $out (toolchain versions in VERSIONS.txt):"
printf '%-22s %-44s %-8s %-5s %s\n' component toolchain size secs status
printf '%s\n' "${rows[@]}"
exit "$failed"
