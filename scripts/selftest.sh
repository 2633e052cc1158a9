#!/bin/bash
# selftest.sh [ARCH] : build the selftests tools/testing/selftests/perf_events/
# drv_config and drv_config_aux (the AUX tracer) from the tree and run them in
# QEMU, in the debug kernel of ARCH:
#   x86_64  (default) build/x86_64, 64-bit and 32-bit (i686 cross
#           compiler, the compat ioctl); stage "selftest"
#   arm64   build/arm64-min (built here if needed), 64-bit only, with
#           aarch64-linux-gnu-gcc; stage "selftest-arm64"
# One "ok"/"not ok" line per test of each binary, and one for the kernel log.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
arch=${1:-x86_64}
src=$top/build/linux/tools/testing/selftests/perf_events
case $arch in
x86_64)	name=selftest b=$top/build/x86_64 image=arch/x86/boot/bzImage
	variants=(64: 32:i686-linux-gnu-) ;;
arm64)	name=selftest-arm64 b=$top/build/arm64-min image=arch/arm64/boot/Image
	variants=(64:aarch64-linux-gnu-) ;;
*)	echo "selftest: no ARCH '$arch'" >&2; exit 1 ;;
esac
d=$top/build/$name
mkdir -p "$d"

if [ ! -f "$src/drv_config.c" ]; then
	echo "$name: the series has no perf_events/drv_config selftest yet"
	exit 0
fi
# Up to date after bisect and kunit-arm64, which build it; else build it.
if [ "$arch" = arm64 ] && ! bash "$top/scripts/build.sh" arm64-min > "$d/build.log" 2>&1; then
	tail -n 20 "$d/build.log"
	echo "not ok $name: build/arm64-min does not build (see build/$name/build.log)"
	exit 1
fi
bins=()
for v in "${variants[@]}"; do
	rm -rf "$d/${v%%:*}"
	mkdir -p "$d/${v%%:*}"
	CFLAGS=-static make -s -C "$src" CROSS_COMPILE="${v#*:}" OUTPUT="$d/${v%%:*}" \
		KHDR_INCLUDES="-isystem $b/usr/include" \
		"$d/${v%%:*}/drv_config" "$d/${v%%:*}/drv_config_aux" || exit 1
	for t in drv_config drv_config_aux; do
		bin=$t
		[ "${v%%:*}" = 64 ] || bin=${t}_${v%%:*}
		cp "$d/${v%%:*}/$t" "$d/$bin"
		bins+=("$d/$bin")
	done
done
bash "$top/scripts/initramfs.sh" "$d/initramfs.cpio" "$b" "$top/guest/selftest" \
	"${bins[@]}" || exit 1

bash "$top/scripts/qemu.sh" "$arch" "$b/$image" \
	"$d/initramfs.cpio" "$d/console.log" 600 > "$d/qemu.log"
rc=$?

# TAP of each binary -> one line per test; a skip is a failure here, where
# the test PMU must be present; a binary that stopped early is one too.
# Only where the kernel builds the test PMU in (x86_64, for KUnit) is one
# skip expected: module_pinned_by_event's, which unloads the module.
builtin=0
! grep -q '^CONFIG_PERF_DRV_CONFIG_TEST=y' "$b/.config" || builtin=1
awk -v name="$name" -v nbins=${#bins[@]} -v builtin=$builtin '
{ sub(/\r$/, "") }
/^=== selftest / { t = $3; next }
/^=== dmesg/ { t = "" }
t && /^1\.\./ { plan[t] = substr($1, 4) }
t && /^(not )?ok [0-9]+ / {
	line = $0; sub(/^(not )?ok [0-9]+ /, "", line)
	n[t]++
	if ($1 == "ok" && (line !~ /# SKIP/ ||
	    builtin && line ~ /^global\.module_pinned_by_event # SKIP drv_config_test is built in/))
		print "ok " name " " t ": " line
	else print "not ok " name " " t ": " line
}
END {
	for (b in plan) if (n[b] != plan[b])
		print "not ok " name " " b ": " n[b] + 0 " of " plan[b] " tests reported"
	if (length(plan) != nbins) print "not ok " name ": a binary did not run"
}' "$d/console.log"
kernel_log "$name" "$d/qemu.log"
exit $rc
