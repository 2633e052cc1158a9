#!/bin/bash
# kunit.sh ARCH : the KUnit suites of the series with "kunit.py exec"
# (tools/testing/kunit/kunit.py), in QEMU, on a kernel that the harness
# builds anyway, with the suites built in and off unless kunit.enable=1,
# in the debug guests (lockdep, KASAN): on x86_64 the perf core's
# (kernel/events/.kunitconfig) in build/x86_64, on arm64 CoreSight's
# (drivers/hwtracing/coresight/.kunitconfig) and Arm SPE's
# (drivers/perf/.kunitconfig) in build/arm64-min.  The core's suite builds
# the test PMU in, which arm64-min keeps a module for its selftest (it
# unloads it): it runs on x86_64 only.  The kernel's log must have no
# warning: see the end.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
arch=$1
cd "$top/build/linux"

case $arch in
x86_64)	name=x86_64 kunitconfigs=(kernel/events) ;;
arm64)	name=arm64-min kunitconfigs=(drivers/hwtracing/coresight drivers/perf) ;;
*)	echo "kunit: no ARCH '$arch'" >&2; exit 2 ;;
esac
build=$top/build/$name
suites=()
for k in "${kunitconfigs[@]}"; do
	if [ -f "$k/.kunitconfig" ]; then suites+=("$k")
	else echo "# kunit $arch: the series has no $k/.kunitconfig"; fi
done
[ ${#suites[@]} -gt 0 ] || exit 0
if ! bash "$top/scripts/build.sh" $name > "$top/build/kunit-$arch-build.log" 2>&1; then
	tail -n 20 "$top/build/kunit-$arch-build.log"
	echo "not ok kunit $arch: build/$name does not build (build/kunit-$arch-build.log)"
	exit 1
fi
# kunit.py exec runs the suites that the kernel has built in (it only
# reads --kunitconfig): it must have these, and runs only the series' ones.
for k in "${suites[@]}"; do
	missing=$(grep -E '^(# )?CONFIG_' "$k/.kunitconfig" | grep -vxF -f "$build/.config")
	if [ -n "$missing" ]; then
		echo "not ok kunit $arch: build/$name lacks" $missing "($k/.kunitconfig)"
		exit 1
	fi
done
# Not the log of an earlier run, if this one stops before QEMU runs.
rm -f "$build/test.log"
# kunit.py asks QEMU for KVM first ("-accel kvm -accel hvf -accel tcg").
# Where /dev/kvm opens but runs no guest (seen on a build machine: no
# console output in 300 s, all of it system time), that hangs: its QEMU
# runs under TCG alone, as scripts/qemu.sh runs every other guest.
qemu=qemu-system-${arch/arm64/aarch64}
real=$(PATH=${PATH//"$top/build/tcg:"/} command -v "$qemu") ||
	{ echo "not ok kunit $arch: no $qemu"; exit 1; }
mkdir -p "$top/build/tcg"
printf '%s\n' '#!/bin/bash' 'args=()' 'while [ $# -gt 0 ]; do' \
	'	case $1,${2:-} in -accel,kvm | -accel,hvf) shift 2; continue ;; esac' \
	'	args+=("$1")' '	shift' 'done' "exec $(printf %q "$real") \"\${args[@]}\"" \
	> "$top/build/tcg/$qemu"
chmod +x "$top/build/tcg/$qemu"
# One line per test case, and per parameter of a parameterized one.
PATH=$top/build/tcg:$PATH python3 tools/testing/kunit/kunit.py exec --arch="$arch" \
	--build_dir="$build" "${suites[@]/#/--kunitconfig=}" --timeout=300 '*drv_config' 2>&1 |
	tee "$top/build/kunit-$arch.log" |
	sed -un "s/^\[[0-9:]*\] *\[PASSED\] \(.*\)$/ok kunit $arch: \1/p
		 s/^\[[0-9:]*\] *\[SKIPPED\] \(.*\)$/ok kunit $arch: \1 # SKIP/p
		 s/^\[[0-9:]*\] *\[\(FAILED\|CRASHED\)\] \(.*\)$/not ok kunit $arch: \2 (\1)/p
		 /Testing complete/p"
rc=${PIPESTATUS[0]}
# A test that passes while the kernel warns has found a bug all the same;
# the warnings a test expects, it suppresses (kunit_warning_suppress()).
reports=$(grep -E "$kernel_reports_re" "$build/test.log" 2>&1)
if [ -n "$reports" ]; then
	echo "not ok kunit $arch: the kernel log is clean (${build#"$top"/}/test.log)"
	echo "$reports" | sort -u | head -n 5 | sed 's/^/# /'
	rc=1
else
	echo "ok kunit $arch: the kernel log is clean (no warning, BUG, KASAN or lockdep report)"
fi
exit "$rc"
