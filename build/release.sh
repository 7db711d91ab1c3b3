#!/usr/bin/env bash
# Cuts a release: the CHANGELOG's "Unreleased" section becomes "## [VERSION] - DATE" (with an empty
# "Unreleased" above it), every package's PublicAPI.Unshipped.txt is merged into PublicAPI.Shipped.txt
# (added lines kept, *REMOVED* lines taken out of Shipped), VersionPrefix is set to VERSION with no
# VersionSuffix, and the install lines of the README, the package READMEs and the docs name VERSION.
# Usage: build/release.sh 0.2.0 [yyyy-mm-dd]. Review `git diff`, build, test, then commit.
# tests/Itsm.Samples.Tour.Tests/VersionConsistencyTests checks what this script leaves behind.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: build/release.sh VERSION [DATE]}
date=${2:-$(date -u +%F)}
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "release: '$version' is not MAJOR.MINOR.PATCH" >&2; exit 2; }
grep -q "^## \[$version\]" CHANGELOG.md && { echo "release: CHANGELOG.md already has [$version]" >&2; exit 2; }
previous=$(grep -m1 -oE '^## \[[0-9]+\.[0-9]+\.[0-9]+\]' CHANGELOG.md | tr -d '#[] ')

# CHANGELOG: a new empty Unreleased above the released section.
awk -v v="$version" -v d="$date" '
  !done && /^## \[Unreleased\]/ { print; print ""; print "## [" v "] - " d; done = 1; next }
  { print }' CHANGELOG.md > CHANGELOG.md.new && mv CHANGELOG.md.new CHANGELOG.md

# PublicAPI: Shipped = Shipped - removed + added, in the analyzer's ordinal order.
for unshipped in src/*/PublicAPI.Unshipped.txt; do
  shipped=${unshipped%Unshipped.txt}Shipped.txt
  python3 - "$shipped" "$unshipped" <<'PY'
import sys
shipped_path, unshipped_path = sys.argv[1], sys.argv[2]
def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and l.strip() != "#nullable enable"]
shipped, unshipped = lines(shipped_path), lines(unshipped_path)
removed = {l[len("*REMOVED*"):] for l in unshipped if l.startswith("*REMOVED*")}
added = [l for l in unshipped if not l.startswith("*REMOVED*")]
missing = removed - set(shipped)
if missing:
    sys.exit(f"release: {unshipped_path} removes lines {shipped_path} does not have: {sorted(missing)[:3]}")
merged = sorted(set(l for l in shipped if l not in removed) | set(added), key=lambda s: s.encode("utf-8"))
with open(shipped_path, "w", encoding="utf-8") as f:
    f.write("#nullable enable\n" + "".join(l + "\n" for l in merged))
with open(unshipped_path, "w", encoding="utf-8") as f:
    f.write("#nullable enable\n")
PY
done

# The version the packages carry, and the install lines that name it.
sed -i -E "s#<VersionPrefix>[^<]*</VersionPrefix>#<VersionPrefix>$version</VersionPrefix>#; /<VersionSuffix>/d" Directory.Build.props
files=(README.md src/*/README.md docs/*.md)
sed -i -E "s#(dotnet add package [A-Za-z.]+ --version )[0-9]+\.[0-9]+\.[0-9]+(-[A-Za-z0-9.]+)?#\1$version#g; s#(<PackageReference Include=\"Itsm\.[A-Za-z.]+\" Version=\")[0-9]+\.[0-9]+\.[0-9]+(-[A-Za-z0-9.]+)?#\1$version#g" "${files[@]}"
echo "release: $previous -> $version ($date). Review git diff, then build, test and commit."
