#!/bin/bash
# board.sh : what a real arm64 board with CoreSight needs, in
# build/arm64-board: the patched kernel (scripts/build.sh arm64-board: the
# board's own configuration, BOARD_CONFIG=FILE, trimmed to the modules it
# loads with LSMOD=FILE, or defconfig less configs/arm64-board-trim.config;
# with configs/arm64-coresight.config) as Image, its modules under modules/, a
# static perf for arm64 (scripts/perf.sh arm64) as perf, and BOARD.txt,
# what to do with them.  Then boots that Image with its modules and perf
# in qemu-system-aarch64 -M virt (guest/board): perf stat --drv-config on
# the test PMU must count 42.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/arm64-board
bash "$top/scripts/build.sh" arm64-board
bash "$top/scripts/perf.sh" arm64
cp "$out/arch/arm64/boot/Image" "$out/Image"
cp "$top/build/perf-arm64/perf/perf" "$out/perf"
rel=$(cat "$out/include/config/kernel.release")
cat > "$out/BOARD.txt" <<NOTE
The patched arm64 kernel $rel with CoreSight (ETMv4/ETE, TMC/ETR, TRBE,
CTI) and PERF_EVENT_IOC_SET_DRV_CONFIG, configured from
${BOARD_CONFIG:-"defconfig and configs/arm64-board-trim.config"}${LSMOD:+ (the modules of $LSMOD)}
and configs/arm64-coresight.config.

  Image                  the kernel: boot it as the board boots its own
                         (e.g. copy it to /boot/vmlinuz-$rel and add a
                         boot entry; keep the old one), with the board's
                         device tree (or ACPI) describing its CoreSight
  modules/lib/modules/$rel
                         copy to /lib/modules/ on the board, then
                         depmod -a $rel (an initramfs that the board
                         needs is made there, e.g. update-initramfs -c -k $rel)
  perf                   static: copy anywhere on the board

On the board, booted on $rel, as root:

  ls /sys/bus/event_source/devices/cs_etm/sinks    # the ETM PMU and its sinks
  ls /sys/bus/event_source/devices/cs_etm/drv_config   # its keys, and ranges
  ./perf record -e cs_etm/timestamp=4/ --drv-config syncfreq=8 -- ls
  ./perf report -D | head                           # the trace is there

Changed while perf runs, through its control fifo (acked, or
"nack <error>" when the driver rejects the string):

  mkfifo ctl ack
  ./perf record -e cs_etm/timestamp=4/ --drv-config syncfreq=8 \\
	--control fifo:ctl,ack -- sleep 10 &
  exec 8<>ctl 9<>ack
  echo 'drv-config cs_etm/timestamp=4/ syncfreq=12,timestamp=8' >&8
  head -n 1 <&9                                     # ack

The keys (ETMv4 and ETE): timestamp and cc_threshold, with the values of
the format fields of the same names, for an event opened with timestamps
(timestamp=N) or cycle counts (cycacc), and syncfreq (8..20);
Documentation/trace/coresight/coresight-perf.rst.  Without a
trace sink, the test PMU (modprobe drv_config_test) shows the ioctl:
  ./perf stat -e drv_config_test// --drv-config value=42 -- true
NOTE
echo "board: $out: Image, modules/lib/modules/$rel, perf, BOARD.txt"

# The virt machine runs the board's kernel as it runs defconfig's.
d=$top/build/board-boot
rm -rf "$d" && mkdir -p "$d"
bash "$top/scripts/initramfs.sh" "$d/initramfs.cpio" "$out" "$top/guest/board" "$out/perf"
if bash "$top/scripts/qemu.sh" arm64 "$out/Image" "$d/initramfs.cpio" \
		"$d/console.log" 300 > "$d/qemu.log" &&
   grep -q '^42,,drv_config_test//' "$d/console.log"; then
	echo "board: booted $rel in QEMU (virt): perf stat --drv-config value=42 counted 42"
else
	echo "board: the build did not boot or count 42 in QEMU (virt); see $d/console.log" >&2
	exit 1
fi
