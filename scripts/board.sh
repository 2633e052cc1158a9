#!/bin/bash
# board.sh : what a real arm64 board with CoreSight needs, in
# build/arm64-board: the patched kernel (scripts/build.sh arm64-board: the
# board's own configuration, BOARD_CONFIG=FILE, or defconfig, with
# configs/arm64-coresight.config) as Image, its modules under modules/, a
# static perf for arm64 (scripts/perf.sh arm64) as perf, and BOARD.txt,
# what to do with them.
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
${BOARD_CONFIG:-defconfig} and configs/arm64-coresight.config.

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
  ./perf record -e cs_etm// --drv-config syncfreq=8 -- ls
  ./perf report -D | head                           # the trace is there

Changed while perf runs, through its control fifo (acked, or
"nack <error>" when the driver rejects the string):

  mkfifo ctl ack
  ./perf record -e cs_etm// --drv-config syncfreq=8 \\
	--control fifo:ctl,ack -- sleep 10 &
  exec 8<>ctl 9<>ack
  echo 'drv-config cs_etm// syncfreq=12,ts_interval=1000' >&8
  head -n 1 <&9                                     # ack

The keys: syncfreq (0 or 8..20), ts_interval (1..65535), cc_threshold
(1..4095); Documentation/trace/coresight/coresight-perf.rst.  Without a
trace sink, the test PMU (modprobe drv_config_test) shows the ioctl:
  ./perf stat -e drv_config_test// --drv-config value=42 -- true
NOTE
echo "board: $out: Image, modules/lib/modules/$rel, perf, BOARD.txt"
