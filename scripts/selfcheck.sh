#!/bin/bash
# selfcheck.sh : the harness checks itself and the shape of patches/.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
cd "$top"
fail=0

listed() {
	diff <(sed '/^#/d' patches/series | sort) <(cd patches && ls *.patch 2>/dev/null | sort)
}
signed() {
	local f who
	for f in $(series_patches) $(cd patches && ls man-pages/*.patch 2>/dev/null); do
		who=$(git mailinfo /dev/null /dev/null <"patches/$f" |
		      sed -n 's/^Author: //p; s/^Email: \(.*\)/<\1>/p' | paste -sd' ')
		grep -qxF "Signed-off-by: $who" "patches/$f" ||
			{ echo "# $f: no 'Signed-off-by: $who'"; return 1; }
	done
}
no_placeholders() {
	! grep -l 'SUBJECT HERE\|BLURB HERE' patches/*.patch 2>/dev/null
}
# The patches as far as a moved base leaves them comparable: without their
# index lines, the line numbers of hunk headers, the diffstats (the lines
# before the first diff) and any base-commit trailer.
comparable() {
	awk '/^diff --git / { diff = 1 }
	     !diff && (/^ .* \| +([0-9]+ ?[-+]*|Bin .*)$/ || /^ [0-9]+ files? changed/) { next }
	     /^index [0-9a-f]+\.\.[0-9a-f]+/ || /^base-commit: / { next }
	     { print }' "$1" |
		sed -E 's/^@@ -[0-9]+(,[0-9]+)? \+[0-9]+(,[0-9]+)? @@/@@ -N\1 +N\2 @@/'
}
# roundtrip exact|moved
roundtrip() {
	local tmp rc=0 f
	tmp=$(mktemp -d)
	bash scripts/export.sh "$tmp/export" >/dev/null || rc=1
	if [ "$rc" -eq 0 ] && [ "$1" = exact ]; then
		diff -r -x BASE -x cover-letter.txt -x man-pages "$tmp/export" patches || rc=1
	elif [ "$rc" -eq 0 ]; then
		diff patches/series "$tmp/export/series" || rc=1
		for f in $(cd "$tmp/export" && ls *.patch 2>/dev/null); do
			[ -f "patches/$f" ] || continue
			diff -u --label "patches/$f" --label "exported $f" \
				<(comparable "patches/$f") <(comparable "$tmp/export/$f") || rc=1
		done
	fi
	rm -rf "$tmp"
	return $rc
}

check "patches/series lists every patch in patches/" listed
check "every patch, man-pages' too, is signed off by its author" signed
check "the cover letter has no format-patch placeholders" no_placeholders
# Byte for byte only on the base the series was exported on: on another
# (Debian moved it), blob ids and line numbers differ.
want=$(cat patches/BASE)
base=$(git -C build/linux log -1 --format=%s base)
if [ "$base" = "$want" ]; then
	check "make tree && make export leaves patches/ byte-identical (base $base, as in patches/BASE)" \
		roundtrip exact
else
	check "make tree && make export leaves patches/ identical but for index lines, hunk line numbers and diffstats (base moved: $base, patches/BASE $want)" \
		roundtrip moved
fi
exit $fail
