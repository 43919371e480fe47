#!/usr/bin/env bash
# Mutation testing of one group of source files (CONTRIBUTING.md): installs the pinned Stryker.NET into
# artifacts/tools, mutates the group's files, runs the tests that cover each mutant, and writes the HTML and JSON
# reports under artifacts/mutation/<group>/. Prints the score per file and exits non-zero when a guarantee group
# scores below its bar. Not part of .ci/run: a group takes several minutes.
#
#   bash tests/mutation.sh <group> [more Stryker options]
#   bash tests/mutation.sh list
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

stryker_version=5.1.0
groups_dir=tests/mutation

usage() {
  echo "usage: bash tests/mutation.sh <group> [Stryker options]" >&2
  echo "groups:" >&2
  for f in "$groups_dir"/*.json; do
    printf '  %-20s %s\n' "$(basename "$f" .json)" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["description"])' "$f")" >&2
  done
}

group=${1:-}
if [ -z "$group" ] || [ "$group" = list ] || [ "$group" = -h ] || [ "$group" = --help ]; then
  usage
  [ "$group" = list ] && exit 0
  exit 2
fi
shift
group_file="$groups_dir/$group.json"
if [ ! -f "$group_file" ]; then
  echo "no group '$group'" >&2
  usage
  exit 2
fi

tools=artifacts/tools/stryker
if ! dotnet tool list --tool-path "$tools" 2>/dev/null | grep -qiE "^dotnet-stryker +$stryker_version "; then
  rm -rf "$tools"
  dotnet tool install dotnet-stryker --version "$stryker_version" --tool-path "$tools"
fi

out="$root/artifacts/mutation/$group"
rm -rf "$out"
mkdir -p "$out"

# Stryker reads its options from a stryker-config.json; the group file holds the files to mutate and the bar.
python3 - "$group_file" "$out/stryker-config.json" "$root" <<'PY'
import json, sys
group = json.load(open(sys.argv[1]))
root = sys.argv[3]
config = {
    "stryker-config": {
        "project": "AuditClient.csproj",
        "test-projects": [root + "/tests/AuditClient.Tests/AuditClient.Tests.csproj"],
        "target-framework": "net10.0",
        "configuration": "Debug",
        "coverage-analysis": "perTest",
        "mutate": group["mutate"],
        "reporters": ["Progress", "Html", "Json", "ClearText"],
        "thresholds": {"high": group["bar"], "low": min(group["bar"], 60), "break": 0},
        "concurrency": group.get("concurrency", 2),
    }
}
json.dump(config, open(sys.argv[2], "w"), indent=2)
PY

(cd "$root/src/AuditClient" && "$root/$tools/dotnet-stryker" --config-file "$out/stryker-config.json" --output "$out" --skip-version-check "$@")

report="$out/reports/mutation-report.json"
python3 - "$report" "$group_file" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
group = json.load(open(sys.argv[2]))
detected = {"Killed", "Timeout"}
undetected = {"Survived", "NoCoverage"}
rows, total_d, total_u = [], 0, 0
for path, f in sorted(report["files"].items()):
    counts = {}
    for m in f["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
    d = sum(counts.get(s, 0) for s in detected)
    u = sum(counts.get(s, 0) for s in undetected)
    total_d += d; total_u += u
    rows.append((path, counts, d, u))
print()
print(f"{'file':60} {'killed':>7} {'timeout':>7} {'survived':>8} {'no cover':>8} {'ignored':>7} {'score':>6}")
for path, c, d, u in rows:
    short = path.split("src/AuditClient/")[-1]
    score = 100.0 * d / (d + u) if d + u else 100.0
    print(f"{short:60} {c.get('Killed',0):7} {c.get('Timeout',0):7} {c.get('Survived',0):8} {c.get('NoCoverage',0):8} {c.get('Ignored',0):7} {score:5.1f}%")
score = 100.0 * total_d / (total_d + total_u) if total_d + total_u else 100.0
print(f"{'group ' + sys.argv[2]:60} {'':7} {'':7} {'':8} {'':8} {'':7} {score:5.1f}%")
print(f"reports: {sys.argv[1].rsplit('/', 1)[0]}/mutation-report.html and mutation-report.json")
if score < group["bar"]:
    print(f"below the group's bar of {group['bar']}%", file=sys.stderr)
    sys.exit(1)
PY
