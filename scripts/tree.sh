#!/bin/bash
# Materialize build/linux: the Debian kernel source named in patches/BASE
# (scripts/source.sh fetches it from trixie-backports; the newest
# linux-source-7.x when Debian no longer serves that version) as a
# reproducible base commit (tag "base"), then every patch in patches/series
# applied with git am --3way.  Fast no-op when the tree already holds the
# series; refuses to throw away commits that were not exported, unless
# FORCE=1.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
tree=$top/build/linux
read -r pkg want < "$top/patches/BASE"

# A committer for git am, on machines with no git identity configured.
git config user.email >/dev/null ||
	export GIT_COMMITTER_NAME=harness GIT_COMMITTER_EMAIL=harness@localhost

# unexported : does build/linux hold commits or changes that are not in
# patches/ (what "make export" last wrote or "make tree" last applied), or
# a git am that stopped?
unexported() {
	local head
	head=$(git -C "$tree" rev-parse -q --verify HEAD) || return 1
	[ ! -d "$(git -C "$tree" rev-parse --git-path rebase-apply)" ] || return 0
	[ "$head" != "$(git -C "$tree" rev-parse base)" ] &&
	{ ! git -C "$tree" config harness.applied | grep -q " $head\$" ||
	  ! git -C "$tree" diff --quiet HEAD; }
}
refuse() {
	[ ! -d "$(git -C "$tree" rev-parse --git-path rebase-apply)" ] ||
		echo "tree: git am stopped in build/linux; finish it, then 'make rebase'" >&2
	echo "tree: build/linux has work that is not in patches/ ('make export'" >&2
	echo "tree: saves it, 'make tree FORCE=1' throws it away)" >&2
	exit 1
}

# The tree's base, when it is the version in patches/BASE, needs no
# fetching; else source.sh says which it got, in the tarball's name.
base=$(git -C "$tree" log -1 --format=%s base 2>/dev/null || true)
have=$want
if [ "$base" != "$pkg $want" ]; then
	tarball=$(bash "$top/scripts/source.sh" "$pkg" "$want")
	name=$(basename "$tarball" .tar.xz)
	pkg=${name%%_*} have=${name#*_}
fi

if [ "$base" != "$pkg $have" ]; then
	[ ! -d "$tree" ] || [ "${FORCE:-0}" = 1 ] || ! unexported || refuse
	echo "tree: extracting $pkg $have (${tarball#"$top"/})"
	rm -rf "$tree"
	mkdir -p "$tree"
	tar -xJf "$tarball" -C "$tree" --strip-components=1
	cd "$tree"
	# Debian appends "/*" to the top-level .gitignore, which hides every
	# new file from "git add"; restore upstream's file.
	sed -i '/^# Debian packaging/,$d' .gitignore
	sed -i '${/^#$/d}' .gitignore
	git init -q -b series
	git add -f -A
	GIT_AUTHOR_NAME=base GIT_AUTHOR_EMAIL=base@localhost \
	GIT_COMMITTER_NAME=base GIT_COMMITTER_EMAIL=base@localhost \
	GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
		git commit -q -m "$pkg $have"
	git tag base
	git config gc.auto 0
fi
cd "$tree"

id=$(series_id)
head=$(git rev-parse HEAD)
if [ "$(git config harness.applied || true)" = "$id $head" ] &&
   git diff --quiet HEAD; then
	echo "tree: build/linux is up to date ($(git rev-list --count base..HEAD) patches on $pkg $have)"
	exit 0
fi
[ "${FORCE:-0}" = 1 ] || ! unexported || refuse

git am --abort >/dev/null 2>&1 || true
git reset -q --hard base
git clean -q -fdx
patches=()
for p in $(series_patches); do
	patches+=("$top/patches/$p")
done
# One git am for the whole series: where a patch does not apply, it stops
# there with the rest queued, ready for a rebase by hand.
if [ ${#patches[@]} -gt 0 ] && ! git am -q --3way "${patches[@]}"; then
	n=$(cat "$(git rev-parse --git-path rebase-apply)/next" 2>/dev/null || echo 1)
	p=$(basename "${patches[n - 1]}")
	echo "tree: $p does not apply on $pkg $have; git am stopped there in build/linux: resolve it (git am --continue, to the end of the series), then run 'make rebase'" >&2
	exit 1
fi
git config harness.applied "$id $(git rev-parse HEAD)"
echo "tree: applied $(git rev-list --count base..HEAD) patches on $pkg $have"
