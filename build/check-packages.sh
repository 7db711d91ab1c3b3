#!/usr/bin/env bash
# Inspects what `dotnet pack` wrote (default: artifacts/packages): every package carries its own README
# (src/<Package>/README.md, not the repository's), the LICENSE, the icon, per-package tags, release notes
# and the repository commit; its symbols carry SourceLink to that commit on the published repository; and
# neither the assemblies nor the pdbs hold a path of the machine that built them.
# Needs only unzip and grep. Exits non-zero naming every problem found.
# Usage: build/check-packages.sh [--subset] [DIR]; --subset checks the packages in DIR without asking for
# one package per project in src/ (check-project-kinds.sh packs one library in a clone).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
subset=false
if [ "${1:-}" = "--subset" ]; then subset=true; shift; fi
dir="${1:-artifacts/packages}"
repository="https://github.com/itsm-core/itsm-core"
common_tags="itsm itil itil4 service-management"
problems=0
fail() { echo "check-packages: $*" >&2; problems=$((problems + 1)); }

shopt -s nullglob
packages=("$dir"/*.nupkg)
[ ${#packages[@]} -gt 0 ] || { echo "check-packages: no .nupkg in $dir" >&2; exit 1; }
libraries=(src/*/*.csproj)
$subset || [ ${#packages[@]} -eq ${#libraries[@]} ] || fail "${#packages[@]} packages in $dir for ${#libraries[@]} projects in src/"

# The icon: a PNG (signature, then IHDR) of at least 128x128 pixels.
[ "$(head -c 8 build/icon.png | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "build/icon.png is not a PNG"
width=$((16#$(od -An -tx1 -j16 -N4 build/icon.png | tr -d ' \n')))
height=$((16#$(od -An -tx1 -j20 -N4 build/icon.png | tr -d ' \n')))
[ "$width" -ge 128 ] && [ "$height" -ge 128 ] || fail "build/icon.png is ${width}x${height}; NuGet wants at least 128x128"

for nupkg in "${packages[@]}"; do
  file=$(basename "$nupkg" .nupkg)
  id=$(unzip -Z1 "$nupkg" '*.nuspec' | head -n1)
  id=${id%.nuspec}
  [ -f "src/$id/$id.csproj" ] || { fail "$file: no src/$id/$id.csproj for package id $id"; continue; }
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")

  unzip -p "$nupkg" README.md 2>/dev/null | cmp -s - "src/$id/README.md" || fail "$file: README.md is not src/$id/README.md"
  # A package page is not the repository: every link must be absolute.
  relative=$(grep -oE '\]\([^)]*\)' "src/$id/README.md" | grep -vE '^\]\((https://|#)' || true)
  [ -z "$relative" ] || fail "src/$id/README.md has links that break on a package page: $relative"
  unzip -p "$nupkg" LICENSE 2>/dev/null | cmp -s - LICENSE || fail "$file: LICENSE is missing or not the repository's"
  unzip -p "$nupkg" icon.png 2>/dev/null | cmp -s - build/icon.png || fail "$file: icon.png is missing or not build/icon.png"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$file: the nuspec names no readme"
  grep -q '<icon>icon.png</icon>' <<<"$nuspec" || fail "$file: the nuspec names no icon"
  grep -q '<license type="expression">Apache-2.0</license>' <<<"$nuspec" || fail "$file: the nuspec has no Apache-2.0 license expression"
  grep -q "<releaseNotes>.*$repository/blob/main/CHANGELOG.md" <<<"$nuspec" || fail "$file: the release notes do not link to CHANGELOG.md"
  grep -Eq "<repository type=\"git\" url=\"$repository\"[^>]* commit=\"[0-9a-f]{40}\"" <<<"$nuspec" || fail "$file: the nuspec names no repository commit"
  tags=$(sed -n 's:.*<tags>\(.*\)</tags>.*:\1:p' <<<"$nuspec")
  [ -n "$tags" ] && [ "$tags" != "$common_tags" ] || fail "$file: no tags of its own (tags: '$tags')"
  grep -q '<description>..*</description>' <<<"$nuspec" || fail "$file: no description"
  if unzip -p "$nupkg" '*.dll' | grep -aF "$root/" >/dev/null; then fail "$file: an assembly holds the build path $root/"; fi

  snupkg="${nupkg%.nupkg}.snupkg"
  [ -f "$snupkg" ] || { fail "$file: no symbols package"; continue; }
  commit=$(sed -n 's:.*commit="\([0-9a-f]\{40\}\)".*:\1:p' <<<"$nuspec")
  for pdb in $(unzip -Z1 "$snupkg" '*.pdb'); do
    content=$(unzip -p "$snupkg" "$pdb" | tr -c '[:print:]' '\n')
    grep -qF "https://raw.githubusercontent.com/itsm-core/itsm-core/$commit/" <<<"$content" || fail "$file: $pdb has no SourceLink to commit $commit"
    if grep -qF "$root/" <<<"$content"; then fail "$file: $pdb holds the build path $root/"; fi
  done
done

if [ "$problems" -gt 0 ]; then
  echo "check-packages: $problems problem(s) in $dir" >&2
  exit 1
fi
echo "check-packages: ${#packages[@]} packages, each with its own README, the LICENSE, the icon and SourceLink"
