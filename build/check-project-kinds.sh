#!/usr/bin/env bash
# A project's kind (Library, Test, Sample, Benchmark) follows from its folder relative to the repository
# root, not from anywhere in its absolute path: clones this repository's committed HEAD into a folder
# named `samples` (and one named `tests` inside it) and asks MSBuild each project's kind there.
# Then packs one library there as a developer would, without CI=true, and checks that package like
# CI's own (README, LICENSE, icon, SourceLink, and no path of the clone in its assemblies or pdbs): a
# local pack is as deterministic as CI's, and a clone under samples/ still builds its libraries as packages.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
clone="$work/samples/tests/itsm-core"
mkdir -p "$(dirname "$clone")"
git clone -q --no-hardlinks . "$clone"

problems=0
expect() { # project, kind
  local kind
  kind="$(cd "$clone" && dotnet msbuild "$1" -getProperty:ItsmProjectKind)"
  if [ "$kind" != "$2" ]; then
    echo "check-project-kinds: $1 is '$kind' in a clone at $clone, expected '$2'" >&2
    problems=$((problems + 1))
  fi
}
expect src/Itsm.Core/Itsm.Core.csproj Library
expect src/Itsm.Persistence.Sqlite/Itsm.Persistence.Sqlite.csproj Library
expect tests/Itsm.Core.Tests/Itsm.Core.Tests.csproj Test
expect samples/Itsm.Samples.Tour/Itsm.Samples.Tour.csproj Sample
expect benchmarks/Itsm.Benchmarks/Itsm.Benchmarks.csproj Benchmark
[ "$problems" -eq 0 ] || exit 1
echo "check-project-kinds: the kinds follow the folders inside the repository, also in a clone under samples/tests/"

(cd "$clone" && env -u CI -u ContinuousIntegrationBuild dotnet pack src/Itsm.BusinessTime/Itsm.BusinessTime.csproj -c Release -o "$work/packages" -v q -nologo)
"$clone/build/check-packages.sh" --subset "$work/packages"
echo "check-project-kinds: a library packed in that clone without CI=true is a package like CI's"
