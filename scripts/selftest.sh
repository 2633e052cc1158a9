#!/bin/bash
# selftest.sh : build tools/testing/selftests/perf_events/drv_config from
# the tree, 64-bit and 32-bit (i686 cross compiler), boot build/x86_64 (the
# debug kernel) in QEMU and run both there.  One "ok"/"not ok" line per
# test of each binary, and one for the kernel log.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build/x86_64
d=$top/build/selftest
src=$top/build/linux/tools/testing/selftests/perf_events
mkdir -p "$d"

if [ ! -f "$src/drv_config.c" ]; then
	echo "selftest: the series has no perf_events/drv_config selftest yet"
	exit 0
fi
for v in 64: 32:i686-linux-gnu-; do
	rm -rf "$d/$v"
	mkdir -p "$d/${v%%:*}"
	CFLAGS=-static make -s -C "$src" CROSS_COMPILE="${v#*:}" OUTPUT="$d/${v%%:*}" \
		KHDR_INCLUDES="-isystem $b/usr/include" "$d/${v%%:*}/drv_config" || exit 1
done
cp "$d/64/drv_config" "$d/drv_config"
cp "$d/32/drv_config" "$d/drv_config_32"
bash "$top/scripts/initramfs.sh" "$d/initramfs.cpio" "$b" "$top/guest/selftest" \
	"$d/drv_config" "$d/drv_config_32" || exit 1

bash "$top/scripts/qemu.sh" x86_64 "$b/arch/x86/boot/bzImage" \
	"$d/initramfs.cpio" "$d/console.log" 600 > "$d/qemu.log"
rc=$?
cat "$d/qemu.log" >/dev/null

# TAP of each binary -> one line per test; a skip is a failure here, where
# the test PMU must be present; a binary that stopped early is one too.
awk '
{ sub(/\r$/, "") }
/^=== selftest / { t = $3; next }
/^=== dmesg/ { t = "" }
t && /^1\.\./ { plan[t] = substr($1, 4) }
t && /^(not )?ok [0-9]+ / {
	line = $0; sub(/^(not )?ok [0-9]+ /, "", line)
	n[t]++
	if ($1 == "ok" && line !~ /# SKIP/) print "ok selftest " t ": " line
	else print "not ok selftest " t ": " line
}
END {
	for (b in plan) if (n[b] != plan[b])
		print "not ok selftest " b ": " n[b] + 0 " of " plan[b] " tests reported"
	if (length(plan) != 2) print "not ok selftest: a binary did not run"
}' "$d/console.log"
if grep -q '^qemu: the kernel log has reports' "$d/qemu.log"; then
	echo "not ok selftest: the kernel log is clean"
	grep '^qemu:' "$d/qemu.log" | sed 's/^/# /'
else
	echo "ok selftest: the kernel log is clean (no warning, BUG, KASAN, lockdep or kmemleak report)"
fi
exit $rc
