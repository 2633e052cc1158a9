#!/bin/bash
# regress.sh : perf's own tests of the code the series changes, run in the
# x86_64 guest (build/x86_64, the series' kernel) with the base's perf
# (scripts/perf.sh base) and with the series' (scripts/perf.sh), each
# with its own shell tests; stage "regress".  A test that passes with the
# base's perf and not with the series' is "not ok"; one that passes with
# both is "ok"; one that fails or skips with the base's too is a "#" line.
# The shell tests run under the host's bash, which goes into the guest, on
# the debug kernel (lockdep, KASAN, kmemleak; with the AF_UNIX sockets and
# inotify that perf daemon needs).  PERF=FILE: FILE is the series' perf
# instead, for checking this stage against another one; TESTS="daemon.sh
# ...": these shell tests only.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
d=$top/build/regress
b=$top/build/x86_64

# The shell tests of what the series touches: --control, through perf
# daemon's sessions and TPEBS (which needs Intel's PMU: it skips here), the
# options and output of perf record and perf stat, perf.data's header and
# perf evlist, perf list; and perf's C tests of event parsing, sysfs PMUs,
# the fdarray that polls the control fd, and synthesized events.
shell_tests=(daemon.sh test_stat_intel_tpebs.sh stat.sh stat+std_output.sh
	stat+csv_output.sh record.sh pipe_test.sh header.sh evlist.sh list.sh)
c_tests=("Parse event definition strings" "Sysfs PMU tests" "Roundtrip evsel->name"
	"Filter fds with revents mask in a fdarray" "Add fd to a fdarray, making it autogrow"
	"Synthesize attr update" "Sample parsing")
if [ -n "${TESTS:-}" ]; then
	read -r -a shell_tests <<< "$TESTS"
	c_tests=()
fi

rm -rf "$d"
mkdir -p "$d/guest" "$d/root/lib/x86_64-linux-gnu" "$d/root/lib64" "$d/root/bin"
if ! bash "$top/scripts/build.sh" x86_64 > "$d/build.log" 2>&1; then
	tail -n 20 "$d/build.log"
	echo "not ok regress: build/x86_64 does not build (see build/regress/build.log)"
	exit 1
fi
for p in base x86_64; do
	if ! bash "$top/scripts/perf.sh" "$p" > "$d/perf-$p.log" 2>&1; then
		tail -n 20 "$d/perf-$p.log"
		echo "not ok regress: perf ($p) does not build (see build/regress/perf-$p.log)"
		exit 1
	fi
done
grep '^ok perf: ' "$d/perf-base.log"
for who in base series; do
	case $who in
	base)	perf=$top/build/perf-base/perf/perf src=$top/build/perf-base/src ;;
	series)	perf=${PERF:-$top/build/perf/perf/perf} src=$top/build/linux ;;
	esac
	mkdir -p "$d/guest/$who/tests/shell"
	cp "$perf" "$d/guest/$who/"
	cp -r "$src/tools/perf/tests/shell/lib" "$src/tools/perf/tests/shell/common" \
		"$d/guest/$who/tests/shell/"
done
: > "$d/guest/tests"
for t in "${shell_tests[@]}"; do
	f=$top/build/linux/tools/perf/tests/shell/$t
	[ -f "$f" ] && [ -f "$top/build/perf-base/src/tools/perf/tests/shell/$t" ] || {
		echo "not ok regress: no shell test $t in the base or the series"; continue; }
	cp "$f" "$d/guest/series/tests/shell/"
	cp "$top/build/perf-base/src/tools/perf/tests/shell/$t" "$d/guest/base/tests/shell/"
	# perf test takes a trailing "(exclusive)" for a flag, not a word of the name.
	sed -n "2,3{/SPDX/d;s/ *(exclusive)$//;s/^# *//p}" "$f" | head -n 1 >> "$d/guest/tests"
done
[ ${#c_tests[@]} -eq 0 ] || printf '%s\n' "${c_tests[@]}" >> "$d/guest/tests"

# bash, for the shell tests, and the GNU tools whose options they use
# where busybox has none (tail --pid, mktemp with three X, ...); they go to
# /bin, where busybox --install leaves them.
for t in bash mktemp tail timeout realpath seq sort uniq head cut tr wc date stat \
	 grep sed; do
	t=$(command -v "$t")
	cp "$t" "$d/root/bin/"
	for l in $(ldd "$t" | grep -o '/lib[^ ]*'); do cp -n "$l" "$d/root$l"; done
done

OVERLAY=$d/root bash "$top/scripts/initramfs.sh" "$d/initramfs.cpio" "$b" \
	"$top/guest/regress" "$d/guest"/* || exit 1
bash "$top/scripts/qemu.sh" x86_64 "$b/arch/x86/boot/bzImage" \
	"$d/initramfs.cpio" "$d/console.log" 1800 > "$d/qemu.log"
rc=$?

# "N: description : Ok|Skip (why)|FAILED!" of each test and subtest.
awk '
{ gsub(/\r/, ""); gsub(/\033\[[0-9;?]*[A-Za-z]/, "") }
/^=== (base|series): / { who = $2; sub(/:$/, "", who); next }
/^=== / { who = ""; next }
who != "" && /^ *[0-9]+(\.[0-9]+)?: .* : (Ok|Skip|FAILED!)/ {
	line = $0; sub(/^ *[0-9.]+: /, "", line)
	res = line; sub(/.* : /, "", res); sub(/ +: [^:]*$/, "", line)
	sub(/ \(.*/, "", res)
	r[who, line] = res
	if (who == "base") order[n++] = line
}
END {
	for (i = 0; i < n; i++) {
		t = order[i]; rb = r["base", t]; rs = r["series", t]
		if (rs == "") rs = "no result"
		if (rb == "Ok" && rs == "Ok") print "ok perf test: " t
		else if (rb == "Ok") print "not ok perf test: " t ": Ok with the base'"'"'s perf, " rs " with the series'"'"'"
		else print "# perf test: " t ": " rb " with the base'"'"'s perf, " rs " with the series'"'"'"
	}
	if (!n) print "not ok regress: no test ran with the base'"'"'s perf"
}' "$d/console.log"
kernel_log regress "$d/qemu.log"
exit $rc
