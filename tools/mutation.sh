#!/usr/bin/env bash
# Mutation testing of the core with Stryker.NET (a local tool, .config/dotnet-tools.json).
#
#   tools/mutation.sh                  every folder of src/ZeebeOperator.Core (long: see README, "Mutation testing")
#   tools/mutation.sh Planning Queue   only those folders: run it before you change one
#   tools/mutation.sh Planning/Planner.Membership.cs   only that file (a big folder in parts)
#   MUTATION_CONCURRENCY=1 tools/mutation.sh Queue   fewer test runners on a busy machine (default: all cores)
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
started=$(date +%s)

(cd tests/ZeebeOperator.Core.Tests && dotnet stryker \
  --project ZeebeOperator.Core.csproj \
  --configuration Release \
  --concurrency "${MUTATION_CONCURRENCY:-$(nproc)}" \
  --reporter json --reporter html --reporter "$progress" \
  --output "$output" \
  --skip-version-check \
  "${mutate[@]}")

elapsed=$(( $(date +%s) - started ))
report=$(find "$output" -name mutation-report.json | head -n 1)
python3 tools/mutation-summary.py "$report" --elapsed "$elapsed" --folders "$*"
echo "HTML report: ${report%.json}.html"
