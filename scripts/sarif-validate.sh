#!/usr/bin/env bash
# Validate SARIF files with Microsoft's SARIF Multitool (npm: @microsoft/sarif-multitool-linux).
#
# Usage: scripts/sarif-validate.sh FILE.sarif [FILE.sarif ...]
#
# Installs the multitool into a project-local prefix on first use (needs node + npm),
# then runs `Sarif.Multitool validate --rule-kind "Sarif;Gh"` on each file. A file fails
# when the validator reports any error or warning (notes are ignored), when the
# validator itself fails, or when the file is missing. Exit status: 0 if every file
# passed, 1 if any failed, 2 on usage/installation problems.
#
# Environment:
#   SARIF_MULTITOOL_PREFIX   install prefix (default: <repo>/.tools/sarif)
#   SARIF_MULTITOOL_VERSION  npm version to install (default: 5.7.0)
#   SARIF_MULTITOOL          path to an existing Sarif.Multitool binary (skips install)
#   DOTNET_SYSTEM_GLOBALIZATION_INVARIANT  defaults to 1 here, so libicu is not needed
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
prefix=${SARIF_MULTITOOL_PREFIX:-$repo_root/.tools/sarif}
version=${SARIF_MULTITOOL_VERSION:-5.7.0}
pkg=@microsoft/sarif-multitool-linux

# The multitool is a self-contained .NET app: without ICU (Debian: libicu72) it aborts
# with "Couldn't find a valid ICU package". Validation needs no culture data.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

if [ "$#" -eq 0 ]; then
    echo "usage: $0 FILE.sarif [FILE.sarif ...]" >&2
    exit 2
fi
for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "sarif-validate: '$tool' is required" >&2
        exit 2
    fi
done

multitool=${SARIF_MULTITOOL:-$prefix/node_modules/$pkg/Sarif.Multitool}

installed_version() {
    [ -f "$multitool" ] || return 1
    [ -x "$multitool" ] || chmod u+x "$multitool" 2>/dev/null || return 1
    "$multitool" --version </dev/null 2>&1 | head -n1 | sed -n 's/^SARIF Multitool \([0-9][0-9.]*\).*/\1/p'
}

if [ -z "${SARIF_MULTITOOL:-}" ] && [ "$(installed_version || true)" != "$version" ]; then
    mkdir -p "$prefix"
    log=$(mktemp)
    # npm may refuse to run the package's postinstall (chmod u+x); we chmod ourselves.
    if ! npm install --prefix "$prefix" --no-audit --no-fund --no-save --no-package-lock \
            --loglevel=error "$pkg@$version" </dev/null >"$log" 2>&1; then
        echo "sarif-validate: npm install of $pkg@$version into $prefix failed:" >&2
        cat "$log" >&2
        rm -f "$log"
        exit 2
    fi
    rm -f "$log"
    if [ "$(installed_version || true)" != "$version" ]; then
        echo "sarif-validate: $multitool does not run after install" >&2
        "$multitool" --version </dev/null >&2 || true
        exit 2
    fi
elif [ -n "${SARIF_MULTITOOL:-}" ] && [ ! -x "$multitool" ]; then
    echo "sarif-validate: SARIF_MULTITOOL=$multitool is not executable" >&2
    exit 2
fi

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# Reads the validator's output SARIF; prints "<errors> <warnings> <notes>" on the first
# line, then one line per error/warning (and per failed tool notification).
summarize() {
    node - "$1" <<'EOF'
const fs = require('fs');
const log = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let counts = { error: 0, warning: 0, note: 0 };
const lines = [];
for (const run of log.runs || []) {
  const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
  const ruleOf = (r) =>
    (Number.isInteger(r.ruleIndex) && rules[r.ruleIndex]) || rules.find((x) => x.id === r.ruleId) || {};
  const fmt = (rule, msg) => {
    if (!msg) return '';
    let text = msg.text;
    if (text === undefined && msg.id && rule.messageStrings && rule.messageStrings[msg.id])
      text = rule.messageStrings[msg.id].text;
    if (text === undefined) text = msg.id || '';
    return text.replace(/\{(\d+)\}/g, (m, i) => (msg.arguments && i < msg.arguments.length ? msg.arguments[i] : m));
  };
  for (const r of run.results || []) {
    const rule = ruleOf(r);
    let level = r.level || (rule.defaultConfiguration && rule.defaultConfiguration.level) || 'warning';
    if (r.kind && r.kind !== 'fail') level = 'none';
    if (!(level in counts)) continue;
    counts[level]++;
    if (level === 'note') continue;
    const reg = (((r.locations || [])[0] || {}).physicalLocation || {}).region || {};
    const pos = reg.startLine ? `${reg.startLine}:${reg.startColumn || 0}` : '?';
    const path = (r.properties && r.properties.jsonPath) || '';
    const text = fmt(rule, r.message);
    const where = path && !text.startsWith(path) ? ` ${path}` : '';
    lines.push(`  ${level} ${r.ruleId} [line ${pos}${where}]: ${text}`);
  }
  for (const inv of run.invocations || []) {
    for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
      const level = n.level || 'warning';
      if (level !== 'error' && level !== 'warning') continue;
      counts[level]++;
      const id = (n.descriptor && n.descriptor.id) || (n.associatedRule && n.associatedRule.id) || 'TOOL';
      lines.push(`  ${level} ${id} [validator notification]: ${fmt({}, n.message)}`);
    }
  }
}
console.log(`${counts.error} ${counts.warning} ${counts.note}`);
for (const l of lines) console.log(l);
EOF
}

failed=0
n=0
for file in "$@"; do
    n=$((n + 1))
    if [ ! -f "$file" ]; then
        echo "FAIL $file: no such file"
        failed=$((failed + 1))
        continue
    fi
    out="$workdir/$n.sarif"
    console="$workdir/$n.log"
    rc=0
    "$multitool" validate --rule-kind "Sarif;Gh" -o "$out" "$file" </dev/null >"$console" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
        echo "FAIL $file: Sarif.Multitool validate exited $rc"
        sed 's/^/  /' "$console"
        failed=$((failed + 1))
        continue
    fi
    if ! summary=$(summarize "$out" 2>"$workdir/$n.err"); then
        echo "FAIL $file: could not read validator output $out"
        sed 's/^/  /' "$workdir/$n.err"
        failed=$((failed + 1))
        continue
    fi
    read -r errors warnings notes <<<"$(head -n1 <<<"$summary")"
    if [ "$errors" -eq 0 ] && [ "$warnings" -eq 0 ]; then
        echo "ok   $file: 0 errors, 0 warnings"
    else
        echo "FAIL $file: $errors errors, $warnings warnings"
        tail -n +2 <<<"$summary"
        failed=$((failed + 1))
    fi
done

if [ "$failed" -ne 0 ]; then
    echo "sarif-validate: $failed of $n file(s) failed"
    exit 1
fi
echo "sarif-validate: all $n file(s) valid"
