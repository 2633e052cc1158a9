#!/bin/bash
# bench.sh : what the ioctl costs at run time.  Builds the non-debug QEMU
# kernel with the series (build/x86_64-bench) and without it (build/x86_64-base),
# boots each twice, alternately, with guest/bench.c (TSC cycles, medians of
# many iterations; and, on the test PMU's AUX tracer, the records a change
# costs) and prints one line per metric with its goal.  Writes
# build/bench/results.md and build/bench/scaling.png; the consoles are
# build/bench/console-KERNEL-N.log.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
d=$top/build/bench
mkdir -p "$d" "$top/build/logs"
rm -f "$d"/console-*.log

for k in bench base; do
	echo "bench: building build/x86_64-$k (log: build/bench/build-$k.log)"
	bash "$top/scripts/build.sh" "x86_64-$k" > "$d/build-$k.log" 2>&1 ||
		{ tail -n 20 "$d/build-$k.log"; echo "not ok bench: x86_64-$k does not build"; exit 1; }
done
gcc -static -O2 -Wall -Wextra -Werror -I "$top/build/x86_64-bench/usr/include" \
	-o "$d/bench" "$top/guest/bench.c" || exit 1
for k in bench base; do
	bash "$top/scripts/initramfs.sh" "$d/initramfs-$k.cpio" "$top/build/x86_64-$k" \
		"$top/guest/bench" "$d/bench" || exit 1
done

for n in 1 2; do
	for k in base bench; do
		echo "bench: booting build/x86_64-$k, run $n (console: build/bench/console-$k-$n.log)"
		bash "$top/scripts/qemu.sh" x86_64 "$top/build/x86_64-$k/arch/x86/boot/bzImage" \
			"$d/initramfs-$k.cpio" "$d/console-$k-$n.log" 600 > /dev/null ||
			{ grep -h '^bench:\|^qemu:' "$d/console-$k-$n.log"
			  echo "not ok bench: the guest failed, see build/bench/console-$k-$n.log"; exit 1; }
	done
done

# get KERNEL KEY : the median of the values of KEY in the consoles of KERNEL.
get() {
	cat "$d"/console-"$1"-*.log | tr -d '\r' | awk -v k="$2" '$1 == "bench" && $2 == k { print $3 }' |
		sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
# calc EXPR : awk arithmetic on the figures.
calc() { awk "BEGIN { print ($1) }"; }
# us CYCLES : microseconds, with the guest's TSC rate.
mhz=$(get bench tsc_mhz)
us() { awk -v c="$1" -v m="$mhz" 'BEGIN { printf "%.2f", c / m }'; }
# verdict VAR COND : set VAR to "ok" if COND holds, else to "not ok" and fail=1.
fail=0 v1='' v2='' v3='' v4='' v5=''
verdict() {
	if [ "$(calc "($2) ? 1 : 0")" = 1 ]; then printf -v "$1" ok; else printf -v "$1" 'not ok'; fail=1; fi
}

cfg=$(get bench drv_config) per=$(get bench period)
ioc=$(get bench reconf_ioctl) reo=$(get bench reconf_reopen)
c0=$(get bench children_0) c1=$(get bench children_1)
c8=$(get bench children_8) c64=$(get bench children_64)
if [ -z "$mhz" ] || [ -z "$cfg" ] || [ -z "$per" ] || [ -z "$ioc" ] || [ -z "$reo" ] ||
   [ -z "$c0" ] || [ -z "$c1" ] || [ -z "$c8" ] || [ -z "$c64" ]; then
	echo "not ok bench: a figure is missing from build/bench/console-bench-*.log"
	exit 1
fi

r1=$(calc "$cfg / $per")
verdict v1 "$r1 <= 1.5"
printf '%s SET_DRV_CONFIG vs PERIOD on a running event: %.2fx (%s vs %s us; goal <= 1.5x, floor 1.0x)\n' \
	"$v1" "$r1" "$(us "$cfg")" "$(us "$per")"

r2=$(calc "$reo / $ioc")
verdict v2 "$r2 >= 40"
printf '%s reconfigure: the ioctl is %.1fx faster than close + perf_event_open + mmap (%s vs %s us; goal >= 40x)\n' \
	"$v2" "$r2" "$(us "$ioc")" "$(us "$reo")"

# Cost per child from 8 and from 64 children: linear if they agree.
p8=$(calc "($c8 - $c0) / 8") p64=$(calc "($c64 - $c0) / 64")
r3=$(calc "$p8 > 0 ? $p64 / $p8 : 0")
verdict v3 "$r3 > 0 && $r3 <= 1.5"
printf '%s ioctl with 0, 1, 8, 64 sleeping inherited children: %s, %s, %s, %s us, %s us per child (from 8: %s; goal: linear, within 1.5x)\n' \
	"$v3" "$(us "$c0")" "$(us "$c1")" "$(us "$c8")" "$(us "$c64")" "$(us "$p64")" "$(us "$p8")"

# What a change costs in trace (drv_config_aux, a record every 100 us):
# records missing around a change, and the time from the ioctl's return
# to the first record with the new configuration (ns).
ns() { awk -v n="$1" 'BEGIN { printf "%.0f", n / 1000 }'; }
for k in trace_lost_ioctl trace_lost_reopen trace_latency; do
	for p in '' _p10 _p90; do
		v=$(get bench "$k$p")
		if [ -z "$v" ]; then
			echo "not ok bench: no $k$p figure in build/bench/console-bench-*.log"
			exit 1
		fi
		printf -v "t_$k${p#_}" %s "$v"
	done
done
# The restart takes time too: a record due while it runs is lost, at most
# one while it takes less than the period.
verdict v5 "$t_trace_lost_ioctl == 0 && $t_trace_lost_ioctlp90 <= 1 && $t_trace_lost_reopen > $t_trace_lost_ioctlp90"
printf '%s trace lost per change (records every 100 us): the ioctl %s (p10-p90 %s-%s), close + perf_event_open + mmap %s (%s-%s); goal: the ioctl none (median), at most the one due during its restart (p90), and fewer than a reopen\n' \
	"$v5" "$t_trace_lost_ioctl" "$t_trace_lost_ioctlp10" "$t_trace_lost_ioctlp90" \
	"$t_trace_lost_reopen" "$t_trace_lost_reopenp10" "$t_trace_lost_reopenp90"
printf '# first record with the new configuration: %s us after the ioctl returned (p10-p90 %s-%s)\n' \
	"$(ns "$t_trace_latency")" "$(ns "$t_trace_latencyp10")" "$(ns "$t_trace_latencyp90")"

# Noise: the spread (max - min) / median of the runs of one kernel, the
# larger of the two kernels'.
spread() {
	cat "$d"/console-"$1"-*.log | tr -d '\r' | awk '$1 == "bench" && $2 == "ctxsw" { print $3 }' |
		sort -n | awk '{ v[NR] = $1 } END { printf "%.4f", (v[NR] - v[1]) / v[int((NR + 1) / 2)] }'
}
sb=$(get base ctxsw) sp=$(get bench ctxsw)
if [ -z "$sb" ] || [ -z "$sp" ]; then
	echo "not ok bench: no context switch figure in build/bench/console-*.log"
	exit 1
fi
noise=$(calc "$(spread base) > $(spread bench) ? $(spread base) : $(spread bench)")
r4=$(calc "$sp / $sb")
verdict v4 "$r4 - 1 <= $noise && 1 - $r4 <= $noise"
nruns=$(cat "$d"/console-base-*.log | grep -c '^bench ctxsw')
printf '%s context switch (pipe round trip, inherited task-clock event): base %s us, patched %s us, %+.1f%% (noise %.1f%%: spread of %s runs on one kernel; goal: within noise)\n' \
	"$v4" "$(us "$sb")" "$(us "$sp")" "$(calc "($r4 - 1) * 100")" "$(calc "$noise * 100")" "$nruns"

# The static part: scripts/size.sh, whose log make check leaves.
size=$top/build/logs/size.log
if [ ! -f "$size" ]; then
	echo "bench: running scripts/size.sh (log: build/logs/size.log)"
	bash "$top/scripts/size.sh" > "$size" 2>&1
fi
grep -E '^(not )?ok |^#' "$size" | sed 's/^/# size: /'

# The table and the plot.
{
	echo "# make bench"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) host CPUs, QEMU TCG -smp 2, guest TSC $mhz MHz;"
	echo "medians of TSC cycles (rdtsc), in microseconds; two boots of each kernel."
	echo
	echo "| metric | base | patched | ratio | goal |"
	echo "| --- | --- | --- | --- | --- |"
	echo "| SET_DRV_CONFIG vs PERIOD, running drv_config_test event | - | $(us "$cfg") vs $(us "$per") us | $(printf %.2f "$r1")x | <= 1.5x (floor 1.0x): $v1 |"
	echo "| reconfigure: ioctl vs close + perf_event_open + mmap | - | $(us "$ioc") vs $(us "$reo") us | $(printf %.1f "$r2")x faster | >= 40x: $v2 |"
	echo "| SET_DRV_CONFIG with 0, 1, 8, 64 sleeping children | - | $(us "$c0"), $(us "$c1"), $(us "$c8"), $(us "$c64") us | $(us "$p64") us per child | linear: $v3 |"
	echo "| context switch, pipe round trip, inherited task-clock | $(us "$sb") us | $(us "$sp") us | $(printf %.3f "$r4") | within noise ($(printf %.1f "$(calc "$noise * 100")")%): $v4 |"
	echo
	echo "What a change costs in trace, on the test PMU's AUX tracer (a record at each"
	echo "multiple of 100 us while it runs, CPU-wide; 200 changes each way, alternately;"
	echo "median, and p10-p90 in brackets):"
	echo
	echo "| change by | records lost (x 100 us without trace) | first record with the change |"
	echo "| --- | --- | --- |"
	echo "| SET_DRV_CONFIG | $t_trace_lost_ioctl ($t_trace_lost_ioctlp10-$t_trace_lost_ioctlp90) | $(ns "$t_trace_latency") us after the ioctl returned ($(ns "$t_trace_latencyp10")-$(ns "$t_trace_latencyp90")) |"
	echo "| munmap, close, perf_event_open, mmap, mmap | $t_trace_lost_reopen ($t_trace_lost_reopenp10-$t_trace_lost_reopenp90) | - |"
	echo
	echo "Goal: the ioctl loses no record (median), at most the one due while it restarts"
	echo "the tracer (p90), and fewer than a reopen: $v5."
	echo
	echo "Static cost (scripts/size.sh, build/logs/size.log):"
	echo
	grep -E '^(not )?ok |^#' "$size" | sed 's/^/    /'
} > "$d/results.md"
printf '0 %s\n1 %s\n8 %s\n64 %s\n' "$(us "$c0")" "$(us "$c1")" "$(us "$c8")" "$(us "$c64")" > "$d/scaling.dat"
gnuplot -e "set terminal png size 640,400; set output '$d/scaling.png';
	set title 'PERF_EVENT_IOC_SET_DRV_CONFIG and inherited children (QEMU TCG)';
	set xlabel 'sleeping inherited children'; set ylabel 'ioctl latency, median (us)';
	set key left; set yrange [0:*];
	plot '$d/scaling.dat' with linespoints title 'SET_DRV_CONFIG'" ||
	{ echo "not ok bench: gnuplot"; fail=1; }
echo "bench: build/bench/results.md, build/bench/scaling.png"
exit $fail
