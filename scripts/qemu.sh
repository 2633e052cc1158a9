#!/bin/bash
# qemu.sh ARCH KERNEL INITRAMFS LOG TIMEOUT [CMDLINE...] : boot a kernel
# under TCG, stream its console (also to LOG), and exit with the status of
# the guest's job.  A guest that hangs, panics or never reports fails, and
# so does one whose kernel log (the console, and the dmesg a job may dump)
# has a warning, a BUG, or a KASAN, lockdep or kmemleak report.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
arch=$1 kernel=$2 initrd=$3 log=$4 secs=$5
shift 5

case $arch in
x86_64)	qemu=(qemu-system-x86_64 -M pc -smp 2,sockets=2 -bios qboot.rom)
	console=ttyS0 ;;
# -cpu max's architected pointer authentication (QARMA) is slow under TCG;
# pauth-impdef=on keeps the feature with QEMU's own, faster, algorithm.
arm64)	qemu=(qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on -smp 2)
	console=ttyAMA0 ;;
esac

timeout -k 10 "$secs" "${qemu[@]}" -m 2G -nographic -no-reboot \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=$console panic=-1 oops=panic $*" </dev/null 2>&1 |
	tee "$log"
[ "${PIPESTATUS[0]}" -ne 124 ] || echo "qemu: guest timed out after ${secs}s" | tee -a "$log"

rc=$(sed -n 's/^guest-exit: \([0-9]*\).*/\1/p' "$log" | tail -n 1)
[ -n "$rc" ] || { echo "qemu: the guest did not report; see $log" >&2; exit 1; }
reports=$(grep -E "$kernel_reports_re" "$log")
if [ -n "$reports" ]; then
	echo "qemu: the kernel log has reports:"
	echo "$reports" | sort -u | head -n 20 | sed 's/^/qemu:   /'
	[ "$rc" -ne 0 ] || rc=3
fi
exit "$rc"
