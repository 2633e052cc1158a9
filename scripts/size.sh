#!/bin/bash
# size.sh : what the core patch costs, next to the goals of the design
# and the 2018 version: lines added to kernel/events/core.c and
# include/linux/perf_event.h, and the growth of struct perf_event, which
# must be one pointer (measured with gdb on core.o built with -g); the
# instructions of the sched-in, sched-out and stop paths, which must not
# change (objdump of the same core.o).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
tree=$top/build/linux
out=$top/build/x86_64
head=$(git -C "$tree" symbolic-ref -q --short HEAD || git -C "$tree" rev-parse HEAD)
trap 'git -C "$tree" checkout -q "$head"' EXIT

core=$(git -C "$tree" log --reverse --format=%H base..HEAD -- kernel/events/core.c | head -n 1)
[ -n "$core" ] || { echo "size: no patch touches kernel/events/core.c yet"; exit 0; }
echo "# core patch: $(git -C "$tree" log -1 --format=%s "$core")"
git -C "$tree" show --numstat --format= "$core" -- kernel/events/core.c include/linux/perf_event.h |
while read -r add _ file; do
	case $file in
	*core.c)	goal=50 old=110 ;;
	*perf_event.h)	goal=30 old=54 ;;
	esac
	echo "# $file: +$add lines (goal: at most $goal; 2018 version: +$old)"
done

sizeof() {
	git -C "$tree" checkout -q "$1" &&
	make -s -C "$tree" O="$out" ARCH=x86_64 CC="ccache gcc" KCFLAGS=-g \
		kernel/events/core.o >/dev/null 2>&1 &&
	objdump -d --no-show-raw-insn "$out/kernel/events/core.o" > "$out/core-$2.dis" &&
	gdb -batch -ex 'print sizeof(struct perf_event)' "$out/kernel/events/core.o" |
		sed -n 's/^\$1 = //p'
}

# insns FILE FUNCTION : instructions of FUNCTION and of its compiler
# clones (FUNCTION.part.0, FUNCTION.cold, ...) in the disassembly FILE.
insns() {
	awk -v f="$2" '/^[0-9a-f]+ <.*>:$/ {
		name = substr($2, 2, length($2) - 3)
		in_f = name == f || index(name, f ".") == 1
		next
	} in_f && /^ +[0-9a-f]+:\t/ { n++ } END { print n + 0 }' "$1"
}
CONFIG_ONLY=1 bash "$top/scripts/build.sh" x86_64 >/dev/null 2>&1
before=$(sizeof base base) after=$(sizeof "$head" head)
if [ -z "$before" ] || [ -z "$after" ]; then
	echo "not ok struct perf_event could not be measured"
	exit 1
fi
fail=0
for f in event_sched_in event_sched_out perf_event_stop; do
	b=$(insns "$out/core-base.dis" $f) h=$(insns "$out/core-head.dis" $f)
	if [ "$b" -gt 0 ] && [ "$b" -eq "$h" ]; then
		echo "ok $f(): $h instructions at base and with the series"
	else
		echo "not ok $f(): $b instructions at base, $h with the series"
		fail=1
	fi
done
grow=$((after - before))
echo "# struct perf_event: $before -> $after bytes (2018 version: about +40)"
if [ "$grow" -eq 8 ]; then
	echo "ok struct perf_event grows by one pointer (+$grow bytes)"
else
	echo "not ok struct perf_event grows by $grow bytes, not one pointer"
	fail=1
fi
exit $fail
