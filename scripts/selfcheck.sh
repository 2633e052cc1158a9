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
roundtrip() {
	local tmp
	tmp=$(mktemp -d)
	bash scripts/export.sh "$tmp" && diff -r -x BASE -x cover-letter.txt -x man-pages "$tmp" patches
	local rc=$?
	rm -rf "$tmp"
	return $rc
}

check "patches/series lists every patch in patches/" listed
check "every patch, man-pages' too, is signed off by its author" signed
check "the cover letter has no format-patch placeholders" no_placeholders
check "make tree && make export leaves patches/ byte-identical" roundtrip
exit $fail
