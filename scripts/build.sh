#!/bin/bash
# build.sh NAME : build one of the harness's kernels in build/NAME, from a
# base target (allnoconfig, defconfig) and fragments in configs/, with
# ccache; the kernel, its modules and its uapi headers.  Incremental.
# With CONFIG_ONLY=1, configure and prepare the tree only.
#   x86_64       the QEMU kernel: demo, selftests, perf's tests, the perf
#                core's KUnit suite (debug options on)
#   arm64-min    a small arm64 kernel with CoreSight, for per-patch builds,
#                and the arm64 QEMU kernel (debug options on)
#   arm64-board  CoreSight for real boards, on the board's own configuration
#                (BOARD_CONFIG=FILE, e.g. its /proc/config.gz unpacked;
#                with LSMOD=FILE, the board's lsmod output, only the modules
#                it loads: make localmodconfig), or without it on defconfig
#                less what a board needs neither to boot nor to trace
#   x86_64-bench the QEMU kernel without the debug options, for make bench
#   x86_64-base  the same from the base without the series (build/base-src,
#                a git worktree of build/linux at tag base)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
name=$1
case $name in
x86_64)		set -- x86_64 allnoconfig qemu-x86_64.config debug.config ;;
arm64-min)	set -- arm64 allnoconfig arm64-min.config debug.config ;;
arm64-board)	set -- arm64 defconfig arm64-board-trim.config arm64-coresight.config
		[ -z "${BOARD_CONFIG:-}" ] ||
			set -- arm64 "$(realpath "$BOARD_CONFIG")" arm64-coresight.config ;;
x86_64-bench|x86_64-base) set -- x86_64 allnoconfig qemu-x86_64.config ;;
*)		echo "build: no kernel '$name'" >&2; exit 1 ;;
esac
arch=$1 base=$2
shift 2
out=$top/build/$name
src=$top/build/linux
if [ "$name" = x86_64-base ]; then
	src=$top/build/base-src
	# A worktree whose build/linux was extracted again is stale: redo it.
	if ! git -C "$src" rev-parse -q --verify HEAD >/dev/null 2>&1 ||
	   [ "$(git -C "$src" rev-parse HEAD)" != "$(git -C "$top/build/linux" rev-parse base)" ]; then
		rm -rf "$src"
		git -C "$top/build/linux" worktree prune
		git -C "$top/build/linux" worktree add -q --detach "$src" base
	fi
fi

case $arch in
x86_64)	cross= image=arch/x86/boot/bzImage ;;
arm64)	cross=aarch64-linux-gnu- image=arch/arm64/boot/Image ;;
*)	echo "build: unknown ARCH $arch" >&2; exit 1 ;;
esac
mk() { make -s -C "$src" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" \
	CC="ccache ${cross}gcc" -j"$(nproc)" "$@"; }

mkdir -p "$out"
frags=()
for f in "$@"; do frags+=("$top/configs/$f"); done
# Reconfigure when a fragment, the tree or the .config (another job's
# make may have run syncconfig on an older tree) changed.
# A base that is a file (BOARD_CONFIG, an absolute path) counts by its content.
base_file=() lsmod=
[ "${base#/}" = "$base" ] || base_file=("$base")
if [ ${#base_file[@]} -gt 0 ] && [ -n "${LSMOD:-}" ]; then
	lsmod=$(realpath "$LSMOD")
	base_file+=("$lsmod")
fi
stamp=$(cat "${base_file[@]}" "${frags[@]}" | sha1sum | cut -c1-40)-${base##*/}-$(git -C "$src" rev-parse HEAD)
if [ "$(cat "$out/.harness-config" 2>/dev/null)" != \
     "$stamp $(sha1sum 2>/dev/null <"$out/.config")" ]; then
	if [ "$base" = allnoconfig ]; then
		(cd "$src" && ARCH=$arch CROSS_COMPILE=$cross scripts/kconfig/merge_config.sh \
			-n -O "$out" "${frags[@]}" >"$out/merge_config.log")
	else
		if [ ${#base_file[@]} -gt 0 ]; then cp "$base" "$out/.config"
		else mk "$base" >/dev/null; fi
		# Only the modules that the board loads; oldconfig asks nothing
		# once olddefconfig has answered what this tree adds.
		if [ -n "$lsmod" ]; then
			mk olddefconfig >/dev/null
			mk LSMOD="$lsmod" localmodconfig < <(yes '') \
				>"$out/localmodconfig.log" 2>&1
		fi
		(cd "$src" && ARCH=$arch CROSS_COMPILE=$cross scripts/kconfig/merge_config.sh \
			-m -O "$out" "$out/.config" "${frags[@]}" >"$out/merge_config.log")
		mk olddefconfig >/dev/null
	fi
	grep -A1 '^Value requested' "$out/merge_config.log" | grep -v '^--' |
		sed 's/^/build: /' || true
	echo "$stamp $(sha1sum <"$out/.config")" > "$out/.harness-config"
fi

if [ -n "${CONFIG_ONLY:-}" ]; then
	mk prepare
	exit 0
fi
echo "build: $name ($arch) in build/$name"
mk all
if grep -q '^CONFIG_MODULES=y' "$out/.config"; then
	rm -rf "$out/modules"
	mk INSTALL_MOD_PATH="$out/modules" modules_install >/dev/null
fi
mk INSTALL_HDR_PATH="$out/usr" headers_install >/dev/null
echo "build: $out/$image"
