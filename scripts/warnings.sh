#!/bin/bash
# warnings.sh BUILD FILE... : the W=1, sparse (C=2) and kernel-doc warnings
# of FILEs (paths in build/linux) as "file: message" lines, line numbers
# dropped so that the lists of two trees can be compared.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
out=$1
shift
cd "$top/build/linux"

objs=() docs=()
for f in "$@"; do
	[ -f "$f" ] || continue
	case $f in *.c) objs+=("${f%.c}.o") ;; esac
	case $f in *.[ch]) docs+=("$f") ;; esac
done
{
	[ ${#objs[@]} -eq 0 ] || make -s O="$out" ARCH=x86_64 CC="ccache gcc" \
		W=1 C=2 "${objs[@]}" 2>&1
	[ ${#docs[@]} -eq 0 ] || scripts/kernel-doc -none -Wall "${docs[@]}" 2>&1
} | sed -n "s|^$top/build/linux/||; s|^\.\./linux/||; s/^\([^: ]*\):[0-9:]*:* \(warning\|error\): /\1: \2: /p" |
	grep -F -f <(printf '%s:\n' "$@") | LC_ALL=C sort
