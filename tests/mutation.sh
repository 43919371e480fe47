#!/usr/bin/env bash
# Mutation testing of groups of source files (CONTRIBUTING.md): installs the pinned Stryker.NET into
# artifacts/tools, mutates the group's files, runs the tests that cover each mutant, and writes the HTML and JSON
# reports under artifacts/mutation/<group>/. Prints the score per file and per group, and exits 1 when a group scores
# below its bar. `all` mutates every group's files in one run (one initial test run instead of one per group) and
# scores each group on its own. Not part of .ci/run: a group takes many minutes.
#
#   bash tests/mutation.sh <group>[,<group>...]|all [more Stryker options]
#   bash tests/mutation.sh list
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

stryker_version=5.1.0
groups_dir=tests/mutation

usage() {
  echo "usage: bash tests/mutation.sh <group>[,<group>...]|all [Stryker options]"
  echo "groups:"
  for f in "$groups_dir"/*.json; do
    printf '  %-20s %s\n' "$(basename "$f" .json)" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["description"])' "$f")"
  done
}

group=${1:-}
if [ -z "$group" ] || [ "$group" = list ] || [ "$group" = -h ] || [ "$group" = --help ]; then
  if [ "$group" = list ]; then usage; exit 0; fi
  usage >&2
  exit 2
fi
shift
if [ "$group" = all ]; then
  group_files=("$groups_dir"/*.json)
else
  group_files=()
  IFS=, read -ra names <<< "$group"
  for name in "${names[@]}"; do
    if [ ! -f "$groups_dir/$name.json" ]; then
      echo "no group '$name'" >&2
      usage >&2
      exit 2
    fi
    group_files+=("$groups_dir/$name.json")
  done
fi

tools=artifacts/tools/stryker
if ! dotnet tool list --tool-path "$tools" 2>/dev/null | grep -qiE "^dotnet-stryker +$stryker_version "; then
  rm -rf "$tools"
  dotnet tool install dotnet-stryker --version "$stryker_version" --tool-path "$tools"
fi

out="$root/artifacts/mutation/$group"
rm -rf "$out"
mkdir -p "$out"

# Stryker reads its options from a stryker-config.json; the group files hold the files to mutate and the bar.
python3 - "$out/stryker-config.json" "$root" "${group_files[@]}" <<'PY'
import json, sys
config_path, root, group_paths = sys.argv[1], sys.argv[2], sys.argv[3:]
mutate, tests, whole_suite = [], [], False
for path in group_paths:
    group = json.load(open(path))
    mutate += [f for f in group["mutate"] if f not in mutate]
    tests += [t for t in group.get("tests", []) if t not in tests]
    whole_suite = whole_suite or not group.get("tests")
config = {
    "stryker-config": {
        "project": "AuditClient.csproj",
        "test-projects": [root + "/tests/AuditClient.Tests/AuditClient.Tests.csproj"],
        "target-framework": "net10.0",
        "configuration": "Debug",
        "coverage-analysis": "perTest",
        "mutate": mutate,
        "reporters": ["Dots", "Html", "Json", "ClearText"],
        "thresholds": {"high": 90, "low": 60, "break": 0},
        "concurrency": 2,
        # A test run slowed by a loaded machine must not count as a mutant's endless loop (a timeout counts as
        # killed): each run gets this much beyond the initial run's time.
        "additional-timeout": 30000,
        # ConfigureAwait's argument changes nothing in a library that never runs on a synchronization context.
        "ignore-methods": ["ConfigureAwait"],
    }
}
if tests and not whole_suite:
    # Only the test classes (or folders) where the group's behaviour is pinned: the rest of the suite passes through
    # these files too (every call does), and running all of it for every surviving mutant takes hours on two cores. A
    # mutant these tests kill, the whole suite kills, so the score is a lower bound of the whole suite's.
    config["stryker-config"]["test-case-filter"] = "|".join(f"FullyQualifiedName~AuditClient.Tests.{t}." for t in tests)
json.dump(config, open(config_path, "w"), indent=2)
PY

(cd "$root/src/AuditClient" && "$root/$tools/dotnet-stryker" --config-file "$out/stryker-config.json" --output "$out" --skip-version-check "$@")

python3 - "$out/reports/mutation-report.json" "${group_files[@]}" <<'PY'
import json, os, sys
report = json.load(open(sys.argv[1]))
detected, undetected = {"Killed", "Timeout"}, {"Survived", "NoCoverage"}

def short(path):
    return path.replace(os.sep, "/").split("src/AuditClient/")[-1]

files = {}
for path, f in report["files"].items():
    counts = {}
    for m in f["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
    files[short(path)] = counts

def score(counts_list):
    d = sum(c.get(s, 0) for c in counts_list for s in detected)
    u = sum(c.get(s, 0) for c in counts_list for s in undetected)
    return 100.0 * d / (d + u) if d + u else 100.0

below = []
print()
print(f"{'file':56} {'killed':>7} {'timeout':>7} {'survived':>8} {'no cover':>8} {'ignored':>7} {'score':>6}")
for group_path in sys.argv[2:]:
    group = json.load(open(group_path))
    name = os.path.basename(group_path)[:-5]
    rows = [(f, files.get(f, {})) for f in group["mutate"]]
    for f, c in rows:
        print(f"{f:56} {c.get('Killed',0):7} {c.get('Timeout',0):7} {c.get('Survived',0):8} {c.get('NoCoverage',0):8} {c.get('Ignored',0):7} {score([c]):5.1f}%")
    s = score([c for _, c in rows])
    print(f"{'group ' + name + ' (bar ' + str(group['bar']) + '%)':56} {'':7} {'':7} {'':8} {'':8} {'':7} {s:5.1f}%")
    print()
    if s < group["bar"]:
        below.append(f"{name} {s:.1f}% < {group['bar']}%")
print(f"reports: {os.path.dirname(sys.argv[1])}/mutation-report.html and mutation-report.json")
if below:
    print("below the bar: " + ", ".join(below), file=sys.stderr)
    sys.exit(1)
PY
