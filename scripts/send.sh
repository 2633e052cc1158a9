#!/bin/bash
# send.sh : the recipients of every patch of the series, from build/linux's
# scripts/get_maintainer.pl (MAINTAINERS only: --nogit --nogit-fallback),
# printed per patch, then "git send-email --dry-run" of the whole series,
# which shows the mail headers it would send.  Never sends anything.
#
# Whoever sends a patch signs it off (submitting-patches.rst, "Sign your
# work"): the copies in build/send/out/ that go out carry the sender's
# Signed-off-by, from git's user.name and user.email, unless it is there
# already; without a git identity, send.sh refuses to run.
#
# To: the maintainers and supporters of the files a patch touches; Cc: their
# reviewers and lists.  The cover letter goes to everyone any patch goes to.
#
# send.sh --to FILE, send.sh --cc FILE : print the To or Cc addresses of one
# patch, one a line; that is what git send-email's --to-cmd and --cc-cmd
# run (see "Sending" in README.md).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
tree=$top/build/linux

# recipients FILE : "to ADDRESS" and "cc ADDRESS" lines for one patch,
# kept in build/send/ by the patch's hash (get_maintainer.pl takes seconds,
# and git send-email asks twice for each patch)
recipients() {
	local cache
	cache=$top/build/send/$(cat "$tree/MAINTAINERS" "$1" | sha1sum | cut -c1-40)
	if [ ! -f "$cache" ]; then
		mkdir -p "$top/build/send"
		# A patch to MAINTAINERS alone goes to those of the entry it
		# changes: the maintainers of the files its new F: lines name.
		local f files=()
		if ! grep '^diff --git ' "$1" | grep -qv ' a/MAINTAINERS '; then
			mapfile -t files < <(sed -n 's/^+F:[[:space:]]*//p' "$1")
		fi
		if ! (cd "$tree" && perl scripts/get_maintainer.pl --nogit \
			--nogit-fallback --rolestats "$1" &&
			for f in "${files[@]}"; do
				perl scripts/get_maintainer.pl --nogit --nogit-fallback \
					--rolestats -f "$f" || exit
			done) > "$cache.raw"; then
			echo "send: get_maintainer.pl failed on $1" >&2
			rm -f "$cache.raw"
			return 1
		fi
		sed -n 's/^\(.*\) (\(maintainer\|supporter\):.*/to \1/p;
			/ (\(maintainer\|supporter\):/!s/^\(.*\) ([^()]*)$/cc \1/p' \
			"$cache.raw" > "$cache.tmp"
		rm "$cache.raw"
		mv "$cache.tmp" "$cache"
	fi
	cat "$cache"
}

# addresses to|cc FILE : the To or Cc addresses of FILE, in the order
# get_maintainer.pl gives them; for the cover letter, of every patch, an
# address that is To anywhere being To
addresses() {
	local kind=$1 file=$2 p
	case $(basename "$file") in
	0000-cover-letter.patch)
		for p in $(series_patches); do
			recipients "$top/patches/$p"
		done | awk -v kind="$kind" '
			{ addr = substr($0, 4) }
			!(addr in seen) { seen[addr] = $1; order[n++] = addr; next }
			$1 == "to" { seen[addr] = "to" }
			END { for (i = 0; i < n; i++) if (seen[order[i]] == kind) print order[i] }'
		;;
	*)
		recipients "$file" | sed -n "s/^$kind //p" | awk '!seen[$0]++'
		;;
	esac
}

case ${1:-} in
--to|--cc)
	addresses "${1#--}" "$2"
	exit 0
	;;
"")
	;;
*)
	echo "usage: send.sh [--to|--cc PATCH]" >&2
	exit 2
	;;
esac

[ -x "$tree/scripts/get_maintainer.pl" ] || [ -f "$tree/scripts/get_maintainer.pl" ] ||
	{ echo "send: no build/linux; run 'make tree' first" >&2; exit 1; }

name=$(git config user.name || true)
email=$(git config user.email || true)
if [ -z "$name" ] || [ -z "$email" ]; then
	echo "send: no git identity (git config user.name, user.email): the sender signs off every patch" >&2
	exit 1
fi
sob="Signed-off-by: $name <$email>"
out=$top/build/send/out
rm -rf "$out"
mkdir -p "$out"
cp "$top/patches/0000-cover-letter.patch" "$out/"
files=("$out/0000-cover-letter.patch")
signed=0
for p in $(series_patches); do
	git interpret-trailers --if-exists addIfDifferent --trailer "$sob" \
		< "$top/patches/$p" > "$out/$p"
	grep -qxF "$sob" "$out/$p" && signed=$((signed + 1))
	files+=("$out/$p")
done
if [ "$signed" -eq $((${#files[@]} - 1)) ]; then
	echo "ok every patch is signed off by the sender, $name"
else
	echo "not ok $signed of $((${#files[@]} - 1)) patches signed off by the sender, $name"
	exit 1
fi

fail=0
for f in "${files[@]}"; do
	echo "== $(basename "$f")"
	# the Subject: header, unfolded
	echo "   $(sed -n '/^Subject: /,/^[^ ]/{/^Subject: /{s///;h;d};/^ /{H;d};x;s/\n//g;p;q}' "$f")"
	to=$(addresses to "$f")
	cc=$(addresses cc "$f")
	[ -z "$to" ] || echo "$to" | sed 's/^/   To: /'
	[ -z "$cc" ] || echo "$cc" | sed 's/^/   Cc: /'
	# A patch goes to someone, and to a list (a bare address) at least.
	if [ -n "$to" ] && echo "$cc" | grep -q '^[^<>]*@[^<>]*$'; then
		echo "ok recipients of $(basename "$f")"
	else
		echo "not ok recipients of $(basename "$f"): no maintainer or no list"
		fail=1
	fi
done

echo
echo "== git send-email --dry-run"
# --dry-run goes through everything but the SMTP transaction; --smtp-server
# is set so that no configuration of this machine could make it connect
# anywhere even so.
rc=0
out=$(git -C "$top" send-email --dry-run --confirm=never --no-annotate \
	--no-format-patch --smtp-server=/bin/false --8bit-encoding=UTF-8 \
	--to-cmd="bash $top/scripts/send.sh --to" \
	--cc-cmd="bash $top/scripts/send.sh --cc" \
	"${files[@]}" 2>&1) || rc=$?
echo "$out"
if [ "$rc" -eq 0 ] && [ "$(grep -c '^Result: OK' <<<"$out")" -eq ${#files[@]} ]; then
	echo "ok git send-email --dry-run of ${#files[@]} messages"
else
	echo "not ok git send-email --dry-run (exit $rc)"
	fail=1
fi

# The man-pages patch goes to that project, which MAINTAINERS lists too;
# git send-email --to/--cc with these addresses sends it, apart from the
# series.
for f in "$top"/patches/man-pages/*.patch; do
	[ -f "$f" ] || continue
	echo
	echo "== man-pages/$(basename "$f")"
	awk '/^MAN-PAGES: /, /^$/' "$tree/MAINTAINERS" |
		sed -n 's/^M:\t/   To: /p; s/^L:\t\([^ ]*\).*/   Cc: \1/p'
done
exit $fail
