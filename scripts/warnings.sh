#!/bin/bash
# warnings.sh FILE... : the W=1, sparse (C=2) and kernel-doc warnings of
# FILEs (paths in build/linux) as "file: message" lines, line numbers
# dropped so that the lists of two trees can be compared.  Objects are
# built in build/x86_64, those of drivers that only arm64 builds (CoreSight,
# Arm SPE) in build/arm64-min; both must be configured.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
cd "$top/build/linux"

x86=() arm64=() docs=()
for f in "$@"; do
	[ -f "$f" ] || continue
	case $f in
	drivers/hwtracing/coresight/*.c | drivers/perf/arm_spe*.c) arm64+=("${f%.c}.o") ;;
	*.c) x86+=("${f%.c}.o") ;;
	esac
	case $f in *.[ch]) docs+=("$f") ;; esac
done
{
	[ ${#x86[@]} -eq 0 ] || make -s O="$top/build/x86_64" ARCH=x86_64 \
		CC="ccache gcc" W=1 C=2 "${x86[@]}" 2>&1
	[ ${#arm64[@]} -eq 0 ] || make -s O="$top/build/arm64-min" ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- CC="ccache aarch64-linux-gnu-gcc" \
		W=1 C=2 "${arm64[@]}" 2>&1
	[ ${#docs[@]} -eq 0 ] || scripts/kernel-doc -none -Wall "${docs[@]}" 2>&1
} | sed -n "s|^$top/build/linux/||; s|^\.\./linux/||; s/^\([^: ]*\):[0-9:]*:* \(warning\|error\): /\1: \2: /p" |
	grep -F -f <(printf '%s:\n' "$@") | LC_ALL=C sort
