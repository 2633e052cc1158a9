#!/bin/bash
# bisect.sh : build every patch of the series on its own, for x86_64 (the
# QEMU config) and arm64 (a minimal config with CoreSight), and check that
# no patch adds a W=1, sparse or kernel-doc warning to the files it touches.
# A patch that touches tools/perf, tools/lib/perf or tools/include must
# also build perf and libperf's tests (scripts/perf.sh, -Werror).
# Prints one "ok"/"not ok" line per check; restores build/linux's HEAD.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tree=$top/build/linux
head=$(git -C "$tree" symbolic-ref -q --short HEAD || git -C "$tree" rev-parse HEAD)
trap 'git -C "$tree" checkout -q "$head"' EXIT
log=$top/build/bisect.log
: > "$log"

# perf's sources are not the kernel's: they are checked by building perf.
files=$(git -C "$tree" diff --name-only base HEAD -- '*.c' '*.h' \
	':!tools/perf' ':!tools/lib/perf' ':!tools/include')
n=$(git -C "$tree" rev-list --count base..HEAD)
git -C "$tree" checkout -q base
for name in x86_64 arm64-min; do
	CONFIG_ONLY=1 bash "$top/scripts/build.sh" $name >>"$log" 2>&1
done
bash "$top/scripts/warnings.sh" $files > "$top/build/warnings-base.txt"

i=0
fail=0
for c in $(git -C "$tree" rev-list --reverse base.."$head"); do
	i=$((i + 1))
	subj=$(git -C "$tree" log -1 --format=%s "$c")
	git -C "$tree" checkout -q "$c"
	for arch in x86_64 arm64; do
		[ $arch = x86_64 ] && name=x86_64 || name=arm64-min
		if bash "$top/scripts/build.sh" $name >>"$log" 2>&1; then
			echo "ok [$i/$n] builds on $arch: $subj"
		else
			echo "not ok [$i/$n] builds on $arch: $subj (see build/bisect.log)"
			fail=1
		fi
	done
	if [ -n "$(git -C "$tree" diff-tree --no-commit-id --name-only -r "$c" -- \
			tools/perf tools/lib/perf tools/include)" ]; then
		if bash "$top/scripts/perf.sh" "$top/build/bisect-perf" >>"$log" 2>&1; then
			echo "ok [$i/$n] builds perf and libperf's tests: $subj"
		else
			echo "not ok [$i/$n] builds perf and libperf's tests: $subj (see build/bisect.log)"
			fail=1
		fi
	fi
	bash "$top/scripts/warnings.sh" $files > "$top/build/warnings.txt"
	new=$(LC_ALL=C comm -13 "$top/build/warnings-base.txt" "$top/build/warnings.txt")
	if [ -z "$new" ]; then
		echo "ok [$i/$n] adds no W=1/sparse/kernel-doc warning: $subj"
	else
		echo "not ok [$i/$n] adds W=1/sparse/kernel-doc warnings: $subj"
		echo "$new" | sed 's/^/#   /'
		fail=1
	fi
done
exit $fail
