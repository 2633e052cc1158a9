#!/bin/bash
# Install, with apt-get, whatever the harness needs and this machine lacks.
# Runs as root on a fresh Debian 12, minimal ones included (make fresh-check
# proves it in a debootstrap --variant=minbase root); does nothing when all
# is present.  Not obvious: rsync is for the kernel's headers_install;
# manpages-dev ships the perf_event_open(2) that patches/man-pages/ applies to;
# gnuplot-nox draws make bench's plot.
set -euo pipefail

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod git rsync
	xz-utils python3 perl ccache sparse busybox-static gdb
	qemu-system-x86 qemu-system-arm
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	gcc-i686-linux-gnu libc6-dev-i386-cross
	git-email manpages-dev man-db groff-base gnuplot-nox
	linux-source-6.12
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: need root to install packages" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
