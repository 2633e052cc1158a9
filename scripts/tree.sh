#!/bin/bash
# Materialize build/linux: Debian's linux-source-6.12 as a reproducible base
# commit (tag "base"), then every patch in patches/series applied with
# git am --3way.  Fast no-op when the tree already holds the series; refuses
# to throw away commits that were not exported, unless FORCE=1.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
tree=$top/build/linux
tarball=/usr/src/linux-source-6.12.tar.xz
want=$(cat "$top/patches/BASE")
have=$(dpkg-query -W -f='${Version}' linux-source-6.12)

[ "$have" = "$want" ] || cat >&2 <<MSG
tree: WARNING: installed linux-source-6.12 is $have, but the series was
tree: WARNING: last rebased on $want (patches/BASE); expect conflicts.
MSG

# A committer for git am, on machines with no git identity configured.
git config user.email >/dev/null ||
	export GIT_COMMITTER_NAME=harness GIT_COMMITTER_EMAIL=harness@localhost

if [ "$(git -C "$tree" log -1 --format=%s base 2>/dev/null)" != "linux-source-6.12 $have" ]; then
	echo "tree: extracting $tarball ($have)"
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
		git commit -q -m "linux-source-6.12 $have"
	git tag base
	git config gc.auto 0
fi
cd "$tree"

id=$(series_id)
head=$(git rev-parse HEAD)
if [ "$(git config harness.applied || true)" = "$id $head" ] &&
   git diff --quiet HEAD; then
	echo "tree: build/linux is up to date ($(git rev-list --count base..HEAD) patches)"
	exit 0
fi
if [ "$head" != "$(git rev-parse base)" ] && [ "${FORCE:-0}" != 1 ] &&
   { ! git config harness.applied | grep -q " $head\$" || ! git diff --quiet HEAD; }; then
	echo "tree: build/linux has work that is not in patches/ ('make export'" >&2
	echo "tree: saves it, 'make tree FORCE=1' throws it away)" >&2
	exit 1
fi

git am --abort >/dev/null 2>&1 || true
git reset -q --hard base
git clean -q -fdx
for p in $(series_patches); do
	if ! git am -q --3way "$top/patches/$p"; then
		git am --abort
		echo "tree: $p does not apply on $have" >&2
		exit 1
	fi
done
git config harness.applied "$id $(git rev-parse HEAD)"
echo "tree: applied $(git rev-list --count base..HEAD) patches on linux-source-6.12 $have"
