#!/usr/bin/env bash
# The whole test suite. Test fixtures install what they need themselves (npm tools into .tools/, ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Operator.sln -c Release "$@"
