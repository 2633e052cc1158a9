#!/bin/bash
# export.sh [DIR] : regenerate patches/ (or write DIR) from the commits
# base..HEAD of build/linux with git format-patch.  Deterministic: zero
# commit ids, the cover letter from the last patch's author (not this
# machine's git identity) and dated like it, its text from
# patches/cover-letter.txt (first paragraph is the subject), shortlog and
# diffstat refreshed by git.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
tree=$top/build/linux
dest=${1:-$top/patches}
cd "$tree"

if ! git diff --quiet HEAD; then
	echo "export: build/linux has uncommitted changes; commit them first" >&2
	exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ "$(git rev-list --count base..HEAD)" -gt 0 ]; then
	# The cover letter is the branch's description: a detached HEAD has none.
	branch=$(git symbolic-ref --short -q HEAD) ||
		{ echo "export: build/linux is on no branch ('git switch series')" >&2; exit 1; }
	git config "branch.$branch.description" "$(cat "$top/patches/cover-letter.txt")"
	GIT_COMMITTER_DATE=$(git log -1 --format=%aD) \
	GIT_COMMITTER_NAME=$(git log -1 --format=%an) \
	GIT_COMMITTER_EMAIL=$(git log -1 --format=%ae) \
		git format-patch -q --zero-commit --abbrev=12 --cover-letter \
		--cover-from-description=subject --subject-prefix="RFC PATCH v2" \
		-o "$out" base..HEAD
fi

mkdir -p "$dest"
rm -f "$dest"/*.patch
(cd "$out" && ls) > "$dest/series"
cp "$out"/* "$dest/" 2>/dev/null || true
[ "$dest" != "$top/patches" ] && exit 0
git config harness.applied "$(series_id) $(git rev-parse HEAD)"
echo "export: $(grep -vc cover-letter "$dest/series" || true) patches in patches/"
