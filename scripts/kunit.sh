#!/bin/bash
# kunit.sh ARCH : the KUnit suites of the series with
# tools/testing/kunit/kunit.py, in QEMU.  On arm64, "kunit.py run" builds
# them in build/kunit-arm64: the perf core's (kernel/events/.kunitconfig),
# CoreSight's (drivers/hwtracing/coresight/.kunitconfig) and Arm SPE's
# (drivers/perf/.kunitconfig) in one kernel.  On x86_64, the perf core's
# suite is built into build/x86_64-bench (configs/kunit.config), which the
# regress stage and make bench boot too, and "kunit.py exec" runs it there:
# no kernel is built for it alone.  The kernel's log must have no warning:
# see the end.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
arch=$1
cd "$top/build/linux"

if [ ! -f kernel/events/.kunitconfig ]; then
	echo "kunit: the series has no kernel/events/.kunitconfig yet"
	exit 0
fi
case $arch in
x86_64)	build=$top/build/x86_64-bench
	if ! bash "$top/scripts/build.sh" x86_64-bench > "$top/build/kunit-x86_64-build.log" 2>&1; then
		tail -n 20 "$top/build/kunit-x86_64-build.log"
		echo "not ok kunit x86_64: build/x86_64-bench does not build (build/kunit-x86_64-build.log)"
		exit 1
	fi
	# kunit.py exec runs what the kernel has: it must have the suite.
	missing=$(grep '^CONFIG_' kernel/events/.kunitconfig | grep -vxF -f "$build/.config")
	if [ -n "$missing" ]; then
		echo "not ok kunit x86_64: build/x86_64-bench lacks" $missing "(configs/kunit.config)"
		exit 1
	fi
	run=(exec --arch=x86_64 --build_dir="$build" --kunitconfig=kernel/events) ;;
arm64)	build=$top/build/kunit-arm64
	run=(run --arch=arm64 --build_dir="$build" --jobs="$(nproc)" --kunitconfig=kernel/events
	     --cross_compile=aarch64-linux-gnu-
	     --make_options "CC=ccache aarch64-linux-gnu-gcc")
	cs=drivers/hwtracing/coresight
	[ ! -f $cs/.kunitconfig ] || run+=(--kunitconfig=$cs)
	[ ! -f drivers/perf/.kunitconfig ] || run+=(--kunitconfig=drivers/perf) ;;
esac
# One line per test case, and per parameter of a parameterized one.
python3 tools/testing/kunit/kunit.py "${run[@]}" --timeout=300 2>&1 |
	tee "$top/build/kunit-$arch.log" |
	sed -un "s/^\[[0-9:]*\] *\[PASSED\] \(.*\)$/ok kunit $arch: \1/p
		 s/^\[[0-9:]*\] *\[SKIPPED\] \(.*\)$/ok kunit $arch: \1 # SKIP/p
		 s/^\[[0-9:]*\] *\[\(FAILED\|CRASHED\)\] \(.*\)$/not ok kunit $arch: \2 (\1)/p
		 /Testing complete/p"
rc=${PIPESTATUS[0]}
# A test that passes while the kernel warns has found a bug all the same;
# the warnings a test expects, it suppresses (kunit_warning_suppress()).
reports=$(grep -E "$kernel_reports_re" "$build/test.log")
if [ -n "$reports" ]; then
	echo "not ok kunit $arch: the kernel log is clean (${build#"$top"/}/test.log)"
	echo "$reports" | sort -u | head -n 5 | sed 's/^/# /'
	rc=1
else
	echo "ok kunit $arch: the kernel log is clean (no warning, BUG, KASAN or lockdep report)"
fi
exit "$rc"
