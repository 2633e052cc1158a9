#!/bin/bash
# mbox.sh [--check] : write the series as one mbox, build/series.mbox, the
# patches of patches/series in order (the cover letter has no diff, so it
# is left out).  With --check, also prove that a recipient gets the series
# from it: plain "git am" (no --3way, which could fall back on blobs that
# only this tree has) in a scratch clone of build/linux at tag "base" must
# give the same commits (author, message) and the same tree as build/linux.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
tree=$top/build/linux
mbox=$top/build/series.mbox

for p in $(series_patches); do
	cat "$top/patches/$p"
	# Keep messages apart even if a patch lacks its final newline.
	[ -z "$(tail -c1 "$top/patches/$p")" ] || echo
done > "$mbox"
echo "mbox: $(grep -c '^From [0-9a-f]\{40\} ' "$mbox") patches in ${mbox#"$top"/}"
[ "${1:-}" = --check ] || exit 0

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
# What git am records of a commit, author date excepted (format-patch
# keeps it, but not to the second in every time zone).
commits() {
	git -C "$1" log --reverse --format='%an <%ae>%n%B%x00' base..HEAD
}

git clone -q --no-checkout "$tree" "$scratch/linux" &&
	git -C "$scratch/linux" checkout -q -b mbox base || exit 1
applies() {
	GIT_COMMITTER_NAME=mbox GIT_COMMITTER_EMAIL=mbox@localhost \
		git -C "$scratch/linux" am -q "$mbox" ||
		{ git -C "$scratch/linux" am --abort; return 1; }
}
same_tree() {
	[ "$(git -C "$scratch/linux" rev-parse 'HEAD^{tree}')" = \
	  "$(git -C "$tree" rev-parse 'HEAD^{tree}')" ] ||
		{ git -C "$scratch/linux" diff --stat HEAD "$(git -C "$tree" rev-parse 'HEAD^{tree}')" |
		  sed 's/^/# /'; return 1; }
}
same_commits() {
	diff -a <(commits "$tree") <(commits "$scratch/linux") | sed 's/^/# /'
	[ "${PIPESTATUS[0]}" -eq 0 ]
}

check "git am applies build/series.mbox to the base" applies
[ $fail -eq 0 ] || exit 1
check "the tree it gives is HEAD of build/linux" same_tree
check "its commits have the series' authors and messages" same_commits
exit $fail
