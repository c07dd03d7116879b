#!/usr/bin/env bash
# Mutation testing of the core with Stryker.NET (a local tool, .config/dotnet-tools.json).
#
#   tools/mutation.sh                  every folder of src/ZeebeOperator.Core (long: see README, "Mutation testing")
#   tools/mutation.sh Planning Queue   only those folders: run it before you change one
#   tools/mutation.sh Planning/Planner.Membership.cs   only that file (a big folder in parts)
#   MUTATION_CONCURRENCY=1 tools/mutation.sh Queue   fewer test runners on a busy machine (default: all cores)
#   MUTATION_TEXT=1 tools/mutation.sh Queue          also mutate message text (string literals, log calls): slower, not scored
#
# The mutated project is ZeebeOperator.Core; the tests that run against each mutant are ZeebeOperator.Core.Tests,
# which hold both the unit tests and the reconcile scenarios on the simulation. The report (HTML and JSON) goes to
# .mutation/<time>/, and tools/mutation-summary.py prints the score per folder, with text-only mutants apart.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore > /dev/null

mutate=()
if [ "$#" -eq 0 ]; then
  mutate+=(--mutate "**/*.cs")
else
  for folder in "$@"; do
    if [ -f "src/ZeebeOperator.Core/$folder" ]; then
      mutate+=(--mutate "**/$folder")
    elif [ -d "src/ZeebeOperator.Core/$folder" ]; then
      mutate+=(--mutate "**/$folder/**/*.cs")
    else
      echo "no folder or file src/ZeebeOperator.Core/$folder (folders: $(cd src/ZeebeOperator.Core && ls -d */ | tr -d / | tr '\n' ' '))" >&2
      exit 2
    fi
  done
fi

# The progress bar needs a terminal; in a log, one character per mutant tested (. killed, S survived, T timeout).
progress=progress
[ -t 1 ] || progress=dots

output="$PWD/.mutation/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$output"

# The score counts logic mutants only. A text mutant that survives costs a full run of every test covering it, and
# most do survive (the tests do not pin wording), so by default strings and the arguments of log calls and of
# ConfigureAwait (equivalent: no synchronization context) are not mutated at all. MUTATION_TEXT=1 mutates them too.
if [ "${MUTATION_TEXT:-0}" = 1 ]; then
  echo '{ "stryker-config": {} }' > "$output/stryker-config.json"
else
  echo '{ "stryker-config": { "ignore-mutations": ["string"], "ignore-methods": ["Log*", "ConfigureAwait"] } }' > "$output/stryker-config.json"
fi
started=$(date +%s)

(cd tests/ZeebeOperator.Core.Tests && dotnet stryker \
  --project ZeebeOperator.Core.csproj \
  --configuration Release \
  --concurrency "${MUTATION_CONCURRENCY:-$(nproc)}" \
  --reporter json --reporter html --reporter "$progress" \
  --output "$output" \
  --config-file "$output/stryker-config.json" \
  --skip-version-check \
  "${mutate[@]}")

elapsed=$(( $(date +%s) - started ))
report=$(find "$output" -name mutation-report.json | head -n 1)
python3 tools/mutation-summary.py "$report" --elapsed "$elapsed" --folders "$*"
echo "HTML report: ${report%.json}.html"
