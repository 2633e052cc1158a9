#!/bin/bash
# checkpatch.sh : scripts/checkpatch.pl --strict on every patch of the series.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
fail=0
for p in $(series_patches); do
	if out=$(perl "$top/build/linux/scripts/checkpatch.pl" --strict --no-tree \
			-q "$top/patches/$p" 2>&1); then
		echo "ok checkpatch --strict $p"
	else
		echo "not ok checkpatch --strict $p"
		echo "$out" | sed 's/^/# /'
		fail=1
	fi
done
exit $fail
