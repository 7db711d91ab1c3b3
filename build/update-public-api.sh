#!/usr/bin/env bash
# Records every new public symbol in the project's PublicAPI.Unshipped.txt (and drops removed
# ones), using the PublicApiAnalyzers' own code fix, so the change to the public surface shows
# in review. Usage: build/update-public-api.sh src/Itsm.Core/Itsm.Core.csproj
set -euo pipefail
project=${1:?project file}
dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity warn -v q
