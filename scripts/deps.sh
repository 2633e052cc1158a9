#!/bin/bash
# Install, with apt-get, whatever the harness needs and this machine lacks.
# Runs as root on a fresh Debian 12, minimal ones included (make fresh-check
# proves it in a debootstrap --variant=minbase root); does nothing when all
# is present.  Not obvious: rsync is for the kernel's headers_install;
# manpages-dev ships the perf_event_open(2) that patches/man-pages/ applies to;
# gnuplot-nox draws make bench's plot; libmailtools-perl is Mail::Address,
# which git send-email needs and git-email only recommends;
# debian-archive-keyring checks trixie-backports, where scripts/source.sh
# downloads the kernel source (apt-get, dpkg-deb and xz: no package more).
# The arm64 guest's busybox is Debian's busybox-static for arm64, through
# multiarch (dpkg --add-architecture arm64): it cannot be installed beside
# the amd64 one (same files, not Multi-Arch), so it is downloaded and
# unpacked into build/busybox-arm64/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bb=$top/build/busybox-arm64

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod git rsync
	xz-utils python3 perl ccache sparse busybox-static gdb
	qemu-system-x86 qemu-system-arm
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	gcc-i686-linux-gnu libc6-dev-i386-cross
	git-email libmailtools-perl manpages-dev man-db groff-base gnuplot-nox
	debian-archive-keyring
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || [ ! -x "$bb/busybox" ] || exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: need root to install packages" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
updated=
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	apt-get update -q
	updated=1
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$bb/busybox" ]; then
	echo "deps: busybox-static:arm64 into build/busybox-arm64"
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64
		updated=
	fi
	[ -n "$updated" ] || apt-get update -q
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# apt downloads as _apt where it can write
	chown _apt "$tmp" 2>/dev/null || true
	(cd "$tmp" && apt-get download -q busybox-static:arm64)
	dpkg-deb -x "$tmp"/busybox-static_*_arm64.deb "$tmp/root"
	mkdir -p "$bb"
	cp "$tmp/root/bin/busybox" "$bb/busybox"
	dpkg-deb -f "$tmp"/busybox-static_*_arm64.deb Version > "$bb/VERSION"
fi
