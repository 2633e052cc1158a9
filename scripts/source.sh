#!/bin/bash
# source.sh [PACKAGE VERSION] : fetch the kernel source the series is based
# on, PACKAGE at VERSION (default: patches/BASE), from Debian's
# trixie-backports, and print the path of its tarball,
# build/src/PACKAGE_VERSION.tar.xz (the name says what it is).
#
# The system's apt sources stay as they are: a private apt configuration in
# build/src/apt/ reads that one suite, checked with Debian's archive keyring,
# from the mirror the host's apt uses (MIRROR=URL overrides it); only the
# source package's .deb is downloaded, never installed, and only its tarball
# is kept.  A tarball already in build/src/ is used without going online.
#
# VERSION is asked for first (backports keeps several for a while), so that
# a machine reproduces what was tested; when Debian no longer serves it, the
# newest linux-source-MAJOR.x of the suite is taken instead, with a warning.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/build/src
apt=$src/apt
suite=trixie-backports
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

if [ $# -eq 2 ]; then
	pkg=$1 want=$2
else
	read -r pkg want < "$top/patches/BASE"
fi

# The version asked for, already here: nothing to download.
if [ -f "$src/${pkg}_$want.tar.xz" ]; then
	echo "$src/${pkg}_$want.tar.xz"
	exit 0
fi

# The Debian archive the host's apt reads (its release's main component),
# or deb.debian.org.
host_mirror() {
	local codename
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	apt-get indextargets --format '$(REPO_URI) $(CODENAME) $(COMPONENT)' \
		'Created-By: Packages' 2>/dev/null |
		awk -v c="$codename" '$2 == c && $3 == "main" { print $1; exit }'
}
mirror=${MIRROR:-$(host_mirror)}
mirror=${mirror:-http://deb.debian.org/debian/}
[ -f "$keyring" ] ||
	{ echo "source: no $keyring (package debian-archive-keyring)" >&2; exit 1; }

mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
echo "deb [arch=$(dpkg --print-architecture) signed-by=$keyring] $mirror $suite main" \
	> "$apt/sources.list"
opts=(-o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=-
      -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache"
      -o Dir::State::status=/dev/null -o Acquire::Languages=none)
if ! apt-get -q "${opts[@]}" update > "$apt/update.log" 2>&1 ||
   grep -q '^E: \|^W: Failed to fetch\|^W: Some index files failed' "$apt/update.log"; then
	echo "source: cannot read $suite from $mirror (build/src/apt/update.log)" >&2
	exit 1
fi

# versions PACKAGE... : "PACKAGE VERSION" for every version the suite has
versions() {
	apt-cache "${opts[@]}" madison "$@" | awk -F'|' '{ gsub(/ /, ""); print $1, $2 }'
}

if versions "$pkg" | grep -qxF "$pkg $want"; then
	got=$want
else
	# The newest of the same major version, linux-source-7.3 giving way to
	# a later 7.3.x or to linux-source-7.4.
	family=${pkg%.*}
	names=$(apt-cache "${opts[@]}" pkgnames "$family." |
		grep -x "${family//./\\.}\.[0-9]*" || true)
	newest=
	[ -z "$names" ] || while read -r p v; do
		if [ -z "$newest" ] || dpkg --compare-versions "$v" gt "${newest#* }"; then
			newest="$p $v"
		fi
	done < <(versions $names)
	[ -n "$newest" ] ||
		{ echo "source: $suite has neither $pkg $want nor any $family.x" >&2; exit 1; }
	echo "source: WARNING: $suite no longer has $pkg $want (patches/BASE); using the newest, $newest, the series applies with git am --3way" >&2
	pkg=${newest% *} got=${newest#* }
fi

tarball=$src/${pkg}_$got.tar.xz
if [ ! -f "$tarball" ]; then
	tmp=$(mktemp -d "$src/download.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# apt downloads as _apt where it can write
	chown _apt "$tmp" 2>/dev/null || true
	echo "source: downloading $pkg $got from $mirror $suite" >&2
	(cd "$tmp" && apt-get -q "${opts[@]}" download "$pkg=$got") >&2
	dpkg-deb --fsys-tarfile "$tmp"/"${pkg}"_*.deb |
		tar -xOf - "./usr/src/$pkg.tar.xz" > "$tmp/source.tar.xz"
	mv "$tmp/source.tar.xz" "$tarball"
fi
echo "$tarball"
