#!/bin/bash
# manpage.sh : the man-pages patches in patches/man-pages/ (not part of the
# kernel series) on perf_event_open(2) as Debian's manpages-dev ships it,
# rendered with every warning an error.
#
# build/man-pages is made afresh: a git repository whose first commit (tag
# "base") holds man2/perf_event_open.2 from manpages-dev at the path it has
# in the man-pages source of that version, then each patch applied with
# git am.  To change the text, edit it there, commit, and
#   git -C build/man-pages format-patch --zero-commit -o ../../patches/man-pages base
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
dir=$top/build/man-pages
page=man2/perf_event_open.2
src=/usr/share/man/$page.gz
want=$(cat patches/man-pages/BASE)
have=$(dpkg-query -W -f='${Version}' manpages-dev 2>/dev/null)
fail=0
check() {
	local what=$1
	shift
	if "$@"; then echo "ok $what"; else echo "not ok $what"; fail=1; fi
}

if [ ! -f "$src" ]; then
	echo "not ok manpages-dev's $src is missing (dpkg path-exclude?)"
	exit 1
fi
[ "$have" = "$want" ] ||
	echo "# WARNING: manpages-dev is $have, the patches are on $want (patches/man-pages/BASE)"

git config user.email >/dev/null ||
	export GIT_COMMITTER_NAME=harness GIT_COMMITTER_EMAIL=harness@localhost
rm -rf "$dir"
mkdir -p "$dir/man2"
zcat "$src" > "$dir/$page"
git -C "$dir" init -q -b main
git -C "$dir" add "$page"
GIT_AUTHOR_NAME=base GIT_AUTHOR_EMAIL=base@localhost \
GIT_COMMITTER_NAME=base GIT_COMMITTER_EMAIL=base@localhost \
GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
	git -C "$dir" commit -q -m "$page from manpages-dev $have"
git -C "$dir" tag base

# render FILE : groff's and man's warnings, if any
render() {
	groff -ww -man -z "$1" 2>&1
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$1" 2>&1 >/dev/null
}
quiet() {
	local out
	out=$(render "$dir/$page")
	[ -z "$out" ] || { echo "$out" | sed 's/^/# /'; return 1; }
}
applies() {
	local p
	for p in patches/man-pages/*.patch; do
		git -C "$dir" am -q "$top/$p" ||
			{ git -C "$dir" am --abort; echo "# $p does not apply"; return 1; }
	done
}
documented() {
	LC_ALL=C.UTF-8 MANWIDTH=80 man -E UTF-8 -l "$dir/$page" 2>/dev/null |
		grep -q '^ *PERF_EVENT_IOC_SET_DRV_CONFIG'
}

check "$page of manpages-dev $have renders without warnings" quiet
check "patches/man-pages/ apply to it" applies
[ $fail -eq 0 ] || exit 1
check "the patched page renders without warnings (groff -ww, man --warnings)" quiet
check "the patched page has an entry for PERF_EVENT_IOC_SET_DRV_CONFIG" documented
exit $fail
