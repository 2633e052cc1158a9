#!/bin/bash
# perftest.sh : boot build/x86_64 (the debug kernel) in QEMU with the perf
# of build/perf (scripts/perf.sh builds it if needed) and run there the
# perf shell test of --drv-config through "perf test", and libperf's tests.
# One "ok"/"not ok" line per test, one for the description "perf test"
# lists, and one for the kernel log.  libperf's tests that fail for want of
# a hardware PMU (TCG has none) are shown as "#" lines; its test of
# perf_evsel__apply_drv_config() must pass.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build/x86_64
p=$top/build/perf
d=$top/build/perftest
test=$top/build/linux/tools/perf/tests/shell/drv_config.sh

if [ ! -f "$test" ]; then
	echo "perftest: the series has no perf shell test for --drv-config yet"
	exit 0
fi
rm -rf "$d"
mkdir -p "$d/guest/tests/shell"
# The perf stage shows perf.sh's own lines.
if ! bash "$top/scripts/perf.sh" > "$d/perf.log" 2>&1; then
	tail -n 20 "$d/perf.log"
	echo "not ok perftest: perf does not build (see build/perftest/perf.log)"
	exit 1
fi
cp "$p/perf/perf" "$p/libperf/tests-static" "$p/libperf/test-evsel" "$d/guest/"
cp "$test" "$d/guest/tests/shell/"
bash "$top/scripts/initramfs.sh" "$d/initramfs.cpio" "$b" "$top/guest/perftest" \
	"$d"/guest/* || exit 1

bash "$top/scripts/qemu.sh" x86_64 "$b/arch/x86/boot/bzImage" \
	"$d/initramfs.cpio" "$d/console.log" 600 > "$d/qemu.log"
rc=$?

awk '
{ gsub(/\r/, ""); gsub(/\033\[[0-9;?]*[A-Za-z]/, "") }
/^=== / { part = substr($0, 5); next }
part == "perf test" && /^ *[0-9]+: .*: *(Ok|Skip|FAILED!)/ {
	res = $NF; line = $0
	sub(/^ *[0-9]+: /, "", line); sub(/ *: [^:]*$/, "", line)
	if (res == "Ok") print "ok perf test: " line
	else print "not ok perf test: " line " (" res ")"
	n++
}
part == "perf test" && /^ *[0-9]+: / && !/: *(Ok|Skip|FAILED!)/ { print "# " $0 }
part == "perf test" && /^FAIL: / { print "# " $0 }
part == "perf test list" && /^ *[0-9]+: / {
	listed++
	if ($0 ~ /SPDX/) print "not ok perf test list shows the description, not the SPDX line: " $0
	else print "ok perf test list shows the description, not the SPDX line"
}
part == "libperf tests" && /FAILED [^ ]+:[0-9]+ / { print "# libperf (no hardware PMU under TCG?): " $0 }
part == "libperf test-evsel" && /FAILED [^ ]+:[0-9]+ / {
	if ($0 ~ /drv_config/) { print "not ok libperf: " $0; dcfail++ }
	else print "# libperf (no hardware PMU under TCG?): " $0
}
part == "libperf test-evsel" && /drv_config: value=42, value=7, value=oops: ok/ { dcok++ }
/- running / { print "# libperf: " $0 }
END {
	if (!n) print "not ok perf test ran the --drv-config shell test"
	if (!listed) print "not ok perf test list shows the --drv-config shell test"
	if (dcok && !dcfail) print "ok libperf test-evsel: perf_evsel__apply_drv_config() on the test PMU"
	else if (!dcfail) print "not ok libperf test-evsel: the test of perf_evsel__apply_drv_config() did not run to its end"
}' "$d/console.log"
if grep -q '^qemu: the kernel log has reports' "$d/qemu.log"; then
	echo "not ok perftest: the kernel log is clean"
	grep '^qemu:' "$d/qemu.log" | sed 's/^/# /'
else
	echo "ok perftest: the kernel log is clean (no warning, BUG, KASAN, lockdep or kmemleak report)"
fi
exit $rc
