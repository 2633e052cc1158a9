# Sourced by the scripts that read patches/series, so that they agree on it,
# and by those that compile with ccache.

# ccache shares its cache between checkouts (a fresh clone reuses the
# objects of one in another directory): paths under the top directory are
# hashed relative to the compiler's working directory, which is not hashed
# (-g would add it).
export CCACHE_BASEDIR=$(cd "$top" && pwd -P) CCACHE_NOHASHDIR=1

# series_patches [DIR] : the patches listed in DIR/series (default
# patches/), in order, without the cover letter.
series_patches() {
	sed '/^#/d;/cover-letter/d' "${1:-$top/patches}/series"
}

# series_id [DIR] : what identifies the series in DIR (default patches/):
# tree.sh and export.sh record it next to the commit that holds it.
series_id() {
	(cd "${1:-$top/patches}" && sed '/^#/d' series | xargs -r cat) |
		sha1sum | cut -c1-40
}

# check WHAT COMMAND... : run COMMAND; print "ok WHAT" or "not ok WHAT" and
# set fail=1.
check() {
	local what=$1
	shift
	if "$@"; then echo "ok $what"; else echo "not ok $what"; fail=1; fi
}

# What a kernel log must not have: a warning, a BUG, a KASAN, UBSAN,
# lockdep or kmemleak report (qemu.sh's guests, kunit.sh's KUnit kernels).
kernel_reports_re='WARNING:|BUG:|KASAN:|UBSAN:|Oops|general protection|Call Trace:|possible (recursive|circular) locking|inconsistent lock state|suspicious RCU usage|kmemleak: [0-9]+ new suspected|unreferenced object'

# kernel_log NAME QEMU_LOG : the "ok"/"not ok" line of a guest run's kernel
# log, from what scripts/qemu.sh said about it in QEMU_LOG.
kernel_log() {
	if grep -q '^qemu: the kernel log has reports' "$2"; then
		echo "not ok $1: the kernel log is clean"
		grep '^qemu:' "$2" | sed 's/^/# /'
	else
		echo "ok $1: the kernel log is clean (no warning, BUG, KASAN, lockdep or kmemleak report)"
	fi
}
