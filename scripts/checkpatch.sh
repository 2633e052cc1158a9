#!/bin/bash
# checkpatch.sh : scripts/checkpatch.pl --strict on every patch of the series.
# checkpatch warns about every new file of a patch that does not touch
# MAINTAINERS; a file that an existing entry already covers needs no change
# there, so that warning is replaced by asking scripts/get_maintainer.pl
# for a maintainer of each new file.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
cd "$top/build/linux"
fail=0
for p in $(series_patches); do
	out=$(perl scripts/checkpatch.pl --strict --no-tree --ignore FILE_PATH_CHANGES \
		-q "$top/patches/$p" 2>&1) || true
	for f in $(awk '/^diff --git / { f = substr($4, 3) } /^new file mode/ { print f }' \
			"$top/patches/$p"); do
		perl scripts/get_maintainer.pl --nogit --nogit-fallback --norolestats \
			--nol -f "$f" 2>/dev/null | grep -q . ||
			out+=$'\n'"$f: new file that no MAINTAINERS entry covers"
	done
	if [ -z "$out" ]; then
		echo "ok checkpatch --strict $p"
	else
		echo "not ok checkpatch --strict $p"
		echo "$out" | sed 's/^/# /'
		fail=1
	fi
done
exit $fail
