#!/bin/bash
# initramfs.sh OUT.cpio BUILD RUN [FILE...] : a busybox initramfs with the
# modules of BUILD (a build/ directory), guest/init as /init, RUN as
# /guest/run and the FILEs in /guest.  An arm64 BUILD gets the arm64
# busybox that scripts/deps.sh unpacks into build/busybox-arm64.  With
# OVERLAY=DIR in the environment, DIR's contents go to / as well.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$1 build=$2 run=$3
shift 3

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,guest,lib}
busybox=/bin/busybox
! grep -q '^CONFIG_ARM64=y' "$build/.config" || busybox=$top/build/busybox-arm64/busybox
cp "$busybox" "$root/bin/busybox"
install -m 755 "$top/guest/init" "$root/init"
install -m 755 "$run" "$root/guest/run"
[ $# -eq 0 ] || cp -r "$@" "$root/guest/"
[ ! -d "$build/modules/lib/modules" ] || cp -r "$build/modules/lib/modules" "$root/lib/"
[ -z "${OVERLAY:-}" ] || cp -a "$OVERLAY/." "$root/"
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc) > "$out"
