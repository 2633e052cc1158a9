#!/bin/bash
# perf.sh [ARCH] [DIR] : build perf from build/linux for ARCH (x86_64, the
# default, or arm64: cross-built with aarch64-linux-gnu-gcc) into DIR
# (default build/perf, build/perf-arm64), static and with only the
# features that the guest's tests need (no libelf, libtraceevent, BPF,
# python, the Rust test workload of 7.x, which needs rustc and its target's
# std, ...), with ccache; and libperf's tests, static, as
# DIR/libperf/tests-static.  perf builds with -Werror, so a warning fails
# the build.  Nothing is rebuilt when tools/ and this script did not change
# since the last build.
# perf.sh base : the same perf, x86_64, from the series' base (tag "base" of
# build/linux, exported to build/perf-base/src), in build/perf-base; for
# scripts/regress.sh, which compares the two.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
src=$top/build/linux
arch=x86_64
case ${1:-} in x86_64|arm64|base) arch=$1; shift ;; esac
case $arch in
x86_64)	cross= def=$top/build/perf ;;
arm64)	cross=aarch64-linux-gnu- def=$top/build/perf-arm64 ;;
base)	cross= def=$top/build/perf-base ;;
esac
out=$(realpath -m "${1:-$def}")
mkdir -p "$out/perf" "$out/libperf"
# Two stages that want the same perf build it once, one after the other.
exec 9> "$out/.lock"
flock 9

if [ "$arch" = base ]; then
	# What perf's build takes from outside tools/: the top Makefile (for
	# kernelversion), arm64's sysreg generator, the uapi headers.
	base=$(git -C "$src" rev-parse base)
	if [ "$(cat "$out/src/.base" 2>/dev/null)" != "$base" ]; then
		rm -rf "$out/src" "$out/perf" && mkdir -p "$out/src" "$out/perf"
		git -C "$src" archive base tools Makefile scripts arch/arm64/tools include/uapi \
			arch/x86/include/uapi arch/arm64/include/uapi | tar -x -C "$out/src"
		echo "$base" > "$out/src/.base"
	fi
	src=$out/src
	if [ "$(cat "$out/.stamp" 2>/dev/null)" = "$base" ] && [ -x "$out/perf/perf" ]; then
		echo "ok perf: ${out#"$top"/} is up to date (the base's, $base)"
		exit 0
	fi
	stamp=$base
else
	stamp=$( { git -C "$src" rev-parse HEAD:tools; git -C "$src" diff HEAD -- tools
	   git -C "$src" ls-files -o --exclude-standard -- tools
	   echo "$arch"; cat "$0" "$top/guest/libperf-test-evsel.c"; } | sha1sum)
fi
# What the tools side of the series promises besides perf itself: the tools
# copy of linux/perf_event.h is the kernel's, and perf trace, whose table of
# perf ioctls is generated from it, names the new one (perf trace itself
# needs libtraceevent, which this perf goes without: the table is made here).
checks() {
	local tbl
	tbl=$(cd "$src" && sh tools/perf/trace/beauty/perf_ioctl.sh tools/include/uapi/linux)
	if (cd "$src/tools/perf" && ./check-headers.sh 2>&1) | grep -q 'uapi/linux/perf_event\.h'; then
		echo "not ok tools/perf/check-headers.sh reports a difference for linux/perf_event.h"
	else
		echo "ok tools/perf/check-headers.sh reports no difference for linux/perf_event.h"
	fi
	if grep -q '"SET_DRV_CONFIG"' <<<"$tbl"; then
		echo "ok perf trace names PERF_EVENT_IOC_SET_DRV_CONFIG ($(grep -c '\[' <<<"$tbl") perf ioctls)"
	else
		echo "not ok perf trace names PERF_EVENT_IOC_SET_DRV_CONFIG"
	fi
}

if [ "$arch" != base ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ] &&
   [ -x "$out/perf/perf" ] && [ -x "$out/libperf/test-evsel" ]; then
	echo "ok perf: ${out#"$top"/} is up to date ($arch)"
	checks
	exit 0
fi
rm -f "$out/.stamp"

features=(NO_LIBELF=1 NO_LIBTRACEEVENT=1 NO_JEVENTS=1 NO_LIBPYTHON=1
	NO_LIBPERL=1 NO_SLANG=1 NO_GTK2=1 NO_LIBBPF=1 NO_LIBDW=1 NO_DWARF=1
	NO_LIBUNWIND=1 NO_LIBNUMA=1 NO_LIBAUDIT=1 NO_LIBCRYPTO=1
	NO_BABELTRACE2=1 NO_CAPSTONE=1 NO_LZMA=1 NO_ZLIB=1 NO_LIBZSTD=1
	NO_LIBCAP=1 NO_SDT=1 NO_JVMTI=1 NO_LIBPFM4=1 NO_LIBDEBUGINFOD=1
	NO_DEMANGLE=1 NO_BACKTRACE=1 NO_AIO=1 BUILD_BPF_SKEL=0 NO_RUST=1)
[ "$arch" != arm64 ] || features+=(ARCH="$arch" CROSS_COMPILE="$cross")
echo "perf: building tools/perf ($arch, static) in ${out#"$top"/}/perf"
make -s -C "$src/tools/perf" O="$out/perf" CC="ccache ${cross}gcc" LDFLAGS=-static \
	"${features[@]}" -j"$(nproc)" perf
if [ "$arch" = base ]; then
	echo "$stamp" > "$out/.stamp"
	echo "ok perf: built ${out#"$top"/}/perf/perf (the base's, $base)"
	exit 0
fi
echo "perf: building libperf's tests in ${out#"$top"/}/libperf"
# libperf's Makefile links its tests from the source directory, where
# tests-in.o is not when OUTPUT is set, and dynamically: link them here.
l=$out/libperf
cross_args=()
[ "$arch" != arm64 ] || cross_args=(ARCH="$arch" CROSS_COMPILE="$cross")
make -s -C "$src/tools/lib/perf" OUTPUT="$l/" CC="ccache ${cross}gcc" "${cross_args[@]}" \
	-j"$(nproc)" tests-in.o "$l/libperf.a" "$l/libapi.a"
${cross}gcc -static -o "$l/tests-static" "$l/tests-in.o" "$l/libperf.a" "$l/libapi.a"
# test-evsel alone: see guest/libperf-test-evsel.c.
${cross}gcc -static -O2 -Wall -o "$l/test-evsel" "$top/guest/libperf-test-evsel.c" \
	"$l/tests/test-evsel.o" "$l/libperf.a" "$l/libapi.a"
echo "$stamp" > "$out/.stamp"
echo "ok perf: built ${out#"$top"/}/perf/perf and libperf's tests ($arch, static)"
checks
