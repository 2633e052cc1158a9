#!/bin/bash
# kunit.sh ARCH : the KUnit suites of the series with
# tools/testing/kunit/kunit.py, in QEMU, built in build/kunit-ARCH: the perf
# core's (kernel/events/.kunitconfig) and, on arm64, CoreSight's
# (drivers/hwtracing/coresight/.kunitconfig) and Arm SPE's
# (drivers/perf/.kunitconfig) in the same kernel.  The
# kernel's log must have no warning: see the end.
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
x86_64)	opts=(--make_options "CC=ccache gcc") ;;
arm64)	opts=(--cross_compile=aarch64-linux-gnu-
	      --make_options "CC=ccache aarch64-linux-gnu-gcc")
	cs=drivers/hwtracing/coresight
	[ ! -f $cs/.kunitconfig ] || opts+=(--kunitconfig=$cs)
	[ ! -f drivers/perf/.kunitconfig ] || opts+=(--kunitconfig=drivers/perf) ;;
esac
# One line per test case, and per parameter of a parameterized one.
python3 tools/testing/kunit/kunit.py run --arch="$arch" --kunitconfig=kernel/events \
	--build_dir="$top/build/kunit-$arch" --jobs="$(nproc)" --timeout=300 \
	"${opts[@]}" 2>&1 | tee "$top/build/kunit-$arch.log" |
	sed -un "s/^\[[0-9:]*\] *\[PASSED\] \(.*\)$/ok kunit $arch: \1/p
		 s/^\[[0-9:]*\] *\[SKIPPED\] \(.*\)$/ok kunit $arch: \1 # SKIP/p
		 s/^\[[0-9:]*\] *\[\(FAILED\|CRASHED\)\] \(.*\)$/not ok kunit $arch: \2 (\1)/p
		 /Testing complete/p"
rc=${PIPESTATUS[0]}
# A test that passes while the kernel warns has found a bug all the same;
# the warnings a test expects, it suppresses (kunit_warning_suppress()).
reports=$(grep -E "$kernel_reports_re" "$top/build/kunit-$arch/test.log")
if [ -n "$reports" ]; then
	echo "not ok kunit $arch: the kernel log is clean (build/kunit-$arch/test.log)"
	echo "$reports" | sort -u | head -n 5 | sed 's/^/# /'
	rc=1
else
	echo "ok kunit $arch: the kernel log is clean (no warning, BUG, KASAN or lockdep report)"
fi
exit "$rc"
