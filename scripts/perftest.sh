#!/bin/bash
# perftest.sh [ARCH] : boot the debug kernel of ARCH in QEMU with the perf
# of that ARCH (scripts/perf.sh builds it if needed) and run there the perf
# shell test of --drv-config through "perf test -vv" (its recordings of
# the test tracer drv_config_aux, per task to a file and to a pipe and per
# CPU, are lines of their own), and libperf's tests:
#   x86_64  (default) build/x86_64 and build/perf; stage "perftest"
#   arm64   build/arm64-min (built here if needed) and build/perf-arm64;
#           stage "perftest-arm64", whose lines say "(arm64)"
# One "ok"/"not ok" line per test, one for the description "perf test"
# lists, and one for the kernel log.  libperf's tests that fail for want of
# a hardware PMU (TCG has none) are shown as "#" lines; its test of
# perf_evsel__apply_drv_config() must pass.  QEMU emulates no ETM or ETE
# trace unit for the cs_etm PMU: on arm64, perf record on it is a "# SKIP"
# line.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
arch=${1:-x86_64}
case $arch in
x86_64)	name=perftest b=$top/build/x86_64 p=$top/build/perf tag=
	image=arch/x86/boot/bzImage ;;
arm64)	name=perftest-arm64 b=$top/build/arm64-min p=$top/build/perf-arm64
	tag=" (arm64)" image=arch/arm64/boot/Image ;;
*)	echo "perftest: no ARCH '$arch'" >&2; exit 1 ;;
esac
d=$top/build/$name
test=$top/build/linux/tools/perf/tests/shell/drv_config.sh

if [ ! -f "$test" ]; then
	echo "$name: the series has no perf shell test for --drv-config yet"
	exit 0
fi
rm -rf "$d"
mkdir -p "$d/guest/tests/shell"
# Up to date after bisect and kunit-arm64, which build it; else build it.
if [ "$arch" = arm64 ] && ! bash "$top/scripts/build.sh" arm64-min > "$d/build.log" 2>&1; then
	tail -n 20 "$d/build.log"
	echo "not ok $name: build/arm64-min does not build (see build/$name/build.log)"
	exit 1
fi
# The perf stages show perf.sh's own lines.
if ! bash "$top/scripts/perf.sh" "$arch" > "$d/perf.log" 2>&1; then
	tail -n 20 "$d/perf.log"
	echo "not ok $name: perf does not build (see build/$name/perf.log)"
	exit 1
fi
cp "$p/perf/perf" "$p/libperf/tests-static" "$p/libperf/test-evsel" "$d/guest/"
cp "$test" "$d/guest/tests/shell/"
bash "$top/scripts/initramfs.sh" "$d/initramfs.cpio" "$b" "$top/guest/perftest" \
	"$d"/guest/* || exit 1

bash "$top/scripts/qemu.sh" "$arch" "$b/$image" \
	"$d/initramfs.cpio" "$d/console.log" 600 > "$d/qemu.log"
rc=$?

awk -v t="$tag" -v arch="$arch" '
{ gsub(/\r/, ""); gsub(/\033\[[0-9;?]*[A-Za-z]/, "") }
/^=== / { part = substr($0, 5); next }
part == "perf test" && /^ *[0-9]+: .*: *(Ok|Skip|FAILED!)/ {
	res = $NF; line = $0
	sub(/^ *[0-9]+: /, "", line); sub(/ *: [^:]*$/, "", line)
	if (res == "Ok") print "ok perf test" t ": " line
	else print "not ok perf test" t ": " line " (" res ")"
	n++
}
part == "perf test" && /^ *[0-9]+: / && !/: *(Ok|Skip|FAILED!)/ { print "# " $0 }
part == "perf test" && /^FAIL: / { print "# " $0 }
part == "perf test" && /^perf record of drv_config_aux \(.*\) with/ {
	what = $0; sub(/^[^(]*\(/, "", what); sub(/\).*/, "", what)
}
part == "perf test" && /^[0-9]+ records of value=5, then [0-9]+ of value=7$/ {
	print "ok perf test" t ": perf record of drv_config_aux (" what "), a drv-config command: " $0
	aux++
}
part == "perf test list" && /^ *[0-9]+: / {
	listed++
	if ($0 ~ /SPDX/) print "not ok perf test list" t " shows the description, not the SPDX line: " $0
	else print "ok perf test list" t " shows the description, not the SPDX line"
}
part == "libperf tests" && /FAILED [^ ]+:[0-9]+ / { print "# libperf (no hardware PMU under TCG?): " $0 }
part == "libperf test-evsel" && /FAILED [^ ]+:[0-9]+ / {
	if ($0 ~ /drv_config/) { print "not ok libperf" t ": " $0; dcfail++ }
	else print "# libperf (no hardware PMU under TCG?): " $0
}
part == "libperf test-evsel" && /drv_config: value=42, value=7, value=oops: ok/ { dcok++ }
/- running / { print "# libperf: " $0 }
part == "cs_etm" && /^cs_etm: / {
	cs = 1
	if (arch != "arm64") next
	if ($0 ~ /^cs_etm: no trace unit/)
		print "ok perf record" t " -e cs_etm// --drv-config syncfreq=8 # SKIP no ETM or ETE trace unit: QEMU emulates none"

	else if ($0 ~ /^cs_etm: exit 0/)
		print "ok perf record" t " -e cs_etm// --drv-config syncfreq=8"
	else print "not ok perf record" t " -e cs_etm// --drv-config syncfreq=8: " $0
}
END {
	if (arch == "arm64" && !cs) print "not ok perf record" t " -e cs_etm//: the guest did not try it"
	if (!n) print "not ok perf test" t " ran the --drv-config shell test"
	else if (aux < 3) print "not ok perf test" t ": perf record of drv_config_aux, per task (to a file, to a pipe) and per CPU, passed " aux + 0 " times, not 3"
	if (!listed) print "not ok perf test list" t " shows the --drv-config shell test"
	if (dcok && !dcfail) print "ok libperf test-evsel" t ": perf_evsel__apply_drv_config() on the test PMU"
	else if (!dcfail) print "not ok libperf test-evsel" t ": the test of perf_evsel__apply_drv_config() did not run to its end"
}' "$d/console.log"
kernel_log "$name" "$d/qemu.log"
exit $rc
