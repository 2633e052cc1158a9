#!/bin/bash
# fresh-check.sh [COMMAND...] : prove that the harness works from nothing.
# In a pristine minimal Debian 12 root (debootstrap --variant=minbase, kept
# as build/fresh/bookworm-minbase.tar so that a re-run downloads it no
# more) holding a copy of this checkout (what git tracks and the untracked
# files it does not ignore; never build/), as root: scripts/deps.sh (a
# minimal system has no make), then "make" and "make check", or the
# COMMANDs given.  Prints each one's time and make check's "N passed,
# N failed"; full logs in build/fresh/logs/, the stages' in the copy's
# build/logs/.  The chroot, its mounts and its processes live in a mount
# and pid namespace of their own, which the kernel tears down when the run
# ends, fails, times out (90 minutes) or is interrupted: nothing stays
# mounted under build/fresh/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
fresh=$top/build/fresh
root=$fresh/root
logs=$fresh/logs
tarball=$fresh/bookworm-minbase.tar

# The steps, run as pid 1 of the namespaces: fresh-check.sh --inside COMMAND...
if [ "${1:-}" = --inside ]; then
	shift
	[ $$ -eq 1 ] || { echo "fresh-check: --inside is for fresh-check itself" >&2; exit 2; }
	mount -t proc proc "$root/proc"
	mount --rbind /sys "$root/sys"
	mount --rbind /dev "$root/dev"
	for cmd in "bash scripts/deps.sh" "$@"; do
		name=${cmd#bash scripts/}
		name=${name%.sh}
		name=${name//[^a-zA-Z0-9]/-}
		name=${name:0:40}
		echo "fresh-check: $cmd (log: build/fresh/logs/$name.log)"
		t=$SECONDS rc=0
		chroot "$root" /usr/bin/env -i HOME=/root \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			bash -c "cd /root/harness && $cmd" 2>&1 | tee "$logs/$name.log" |
			{ grep --line-buffered -E '^=== [^ ]+: [0-9]+s|^not ok ' || true; } |
			sed -u 's/^/fresh-check:   /' || rc=${PIPESTATUS[0]}
		t=$((SECONDS - t))
		[ "$rc" -eq 0 ] && st=ok || st="FAILED (exit $rc)"
		printf 'fresh-check: %s: %s, %dm%02ds\n' "$cmd" "$st" $((t / 60)) $((t % 60))
		[ "$rc" -eq 0 ] || exit 1
	done
	exit 0
fi

[ $# -gt 0 ] || set -- make "make check"
if [ "$(id -u)" -ne 0 ]; then
	echo "fresh-check: needs root (debootstrap, chroot, mount)" >&2
	exit 1
fi

# mounted DIR : is anything mounted on DIR or under it?
mounted() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { m = 1 } END { exit !m }' \
		/proc/self/mountinfo
}
# wipe DIR : rm -rf DIR, unless something is mounted there.
wipe() {
	if mounted "$1"; then
		echo "fresh-check: something is mounted under $1; not removing it" >&2
		exit 1
	fi
	rm -rf "$1"
}
# in_ns LIMIT COMMAND... : run COMMAND in a mount and pid namespace of its
# own, killed with all its processes after LIMIT or on Ctrl-C; what it
# mounted goes with the namespace.
job=
trap '[ -z "$job" ] || kill -KILL -- -"$job" 2>/dev/null
      echo "fresh-check: interrupted"; exit 130' INT TERM
in_ns() {
	local limit=$1 rc=0
	shift
	timeout -s KILL "$limit" unshare --mount --pid --fork --kill-child "$@" </dev/null &
	job=$!
	wait "$job" || rc=$?
	job=
	[ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] || echo "fresh-check: timed out after $limit"
	return "$rc"
}

# The host's Debian mirrors for bookworm and its updates and security
# suites; scripts/source.sh takes the kernel source from the first one's
# trixie-backports, with its own apt configuration.
sources=$( (apt-get indextargets --format '$(REPO_URI) $(CODENAME) $(COMPONENT)' \
		'Created-By: Packages' 2>/dev/null || true) |
	awk '$2 ~ /^bookworm(-updates|-security)?$/ && $3 == "main" { print "deb " $1 " " $2 " main" }' |
	sort -u)
[ "$(echo "$sources" | grep -c .)" -eq 3 ] || sources="deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main"
mirror=$(echo "$sources" | awk '$3 == "bookworm" { print $2 }')

mkdir -p "$fresh"
start=$SECONDS
if [ ! -f "$tarball" ]; then
	if ! command -v debootstrap >/dev/null; then
		echo "fresh-check: installing debootstrap"
		apt-get update -q >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
			debootstrap >/dev/null
	fi
	echo "fresh-check: debootstrap --variant=minbase bookworm $mirror (log: build/fresh/debootstrap.log)"
	wipe "$fresh/debootstrap"
	in_ns 30m debootstrap --variant=minbase bookworm "$fresh/debootstrap" "$mirror" \
		>"$fresh/debootstrap.log" 2>&1 ||
		{ echo "fresh-check: debootstrap failed"; tail -n 5 "$fresh/debootstrap.log"; exit 1; }
	tar -C "$fresh/debootstrap" -cf "$tarball.tmp" .
	mv "$tarball.tmp" "$tarball"
	wipe "$fresh/debootstrap"
fi

echo "fresh-check: a pristine minimal root in build/fresh/root"
wipe "$root"
mkdir -p "$root"
tar -C "$root" -xf "$tarball"
echo "$sources" > "$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/root/harness"
(cd "$top" && git ls-files -z -c -o --exclude-standard -- . ':!build' |
	while IFS= read -r -d '' f; do [ ! -e "$f" ] || printf '%s\0' "$f"; done |
	tar --null -T - -cf -) | tar -C "$root/root/harness" -xf -
rm -rf "$logs"
mkdir -p "$logs"

rc=0
in_ns 90m bash "$0" --inside "$@" || rc=1
if mounted "$root"; then
	echo "fresh-check: WARNING: something is still mounted under $root"
	rc=1
fi
t=$((SECONDS - start))
[ "$rc" -eq 0 ] && st=ok || st=FAILED
printf 'fresh-check: %s, %dm%02ds in all; the stage logs are in %s\n' "$st" \
	$((t / 60)) $((t % 60)) build/fresh/root/root/harness/build/logs/
if [ -f "$logs/make-check.log" ]; then
	grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/make-check.log" | tail -n 1 ||
		echo "fresh-check: make check printed no summary"
fi
exit $rc
