#!/bin/bash
# bisect.sh : build every patch of the series on its own, for x86_64 (the
# QEMU config) and arm64 (a minimal config with CoreSight), and check that
# no patch adds a W=1, sparse or kernel-doc warning to the files it touches
# (all the series' kernel files when it touches a header).  A patch that
# changes the code of tools/perf, tools/lib/perf or tools/include must also
# build perf and libperf's tests (scripts/perf.sh, -Werror), in build/perf,
# which the perf stage then finds up to date.
# A patch that changes no file of the kernel's build (perf, selftests,
# documentation) is not rebuilt, nor, once a kernel was built in this run,
# one that only modifies sources that its build does not compile (see
# reads(); CoreSight's and Arm SPE's on x86_64): a "#" line says so.
# Prints one "ok"/"not ok" line per check, an "ok" line with the seconds
# its check took; restores build/linux's HEAD.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tree=$top/build/linux
head=$(git -C "$tree" symbolic-ref -q --short HEAD || git -C "$tree" rev-parse HEAD)
trap 'git -C "$tree" checkout -q "$head"' EXIT
log=$top/build/bisect.log
: > "$log"

# perf's sources are not the kernel's: they are checked by building perf.
files=$(git -C "$tree" diff --name-only base HEAD -- '*.c' '*.h' \
	':!tools/perf' ':!tools/lib/perf' ':!tools/include')
n=$(git -C "$tree" rev-list --count base..HEAD)
git -C "$tree" checkout -q base
t=$SECONDS
for name in x86_64 arm64-min; do
	CONFIG_ONLY=1 bash "$top/scripts/build.sh" $name >>"$log" 2>&1
done
bash "$top/scripts/warnings.sh" $files > "$top/build/warnings-base.txt"
echo "# the base configured and its warnings listed ($((SECONDS - t)) s)"

# Linux 7.x needs a sparse that knows __typeof_unqual__; kbuild skips an
# older one (Debian 12's 0.6.4) with a warning of its own, so say it here.
checks="W=1/sparse/kernel-doc"
if [ "$(cd "$tree" && sh scripts/checker-valid.sh sparse 2>/dev/null)" != 1 ]; then
	echo "# sparse $(sparse --version 2>/dev/null || echo '(none)') is too old for this kernel" \
	     "(scripts/checker-valid.sh): kbuild skips it, the warnings below are W=1 and kernel-doc"
	checks="W=1/kernel-doc"
fi

# reads NAME FILE... : whether a build of build/NAME may read one of the
# modified FILEs.  Only a .c, .h or .S file outside tools/ can be left out,
# when no .cmd file of the objects of its last build names a file of that
# name (kbuild keeps paths unnormalised: "events/amd/../perf_event.h"):
# then nothing it compiles includes it.  Anything else (a Kconfig,
# Makefile or Kbuild file, a script, an awk table, tools/) counts as read.
reads() {
	local name=$1 f
	shift
	for f; do
		case $f in
		tools/*) return 0 ;;
		*.c | *.h | *.S) ;;
		*) return 0 ;;
		esac
		grep -rqsF --include='.*.cmd' -e "/${f##*/}" "$top/build/$name" && return 0
	done
	return 1
}

declare -A built
i=0
fail=0
for c in $(git -C "$tree" rev-list --reverse base.."$head"); do
	i=$((i + 1))
	subj=$(git -C "$tree" log -1 --format=%s "$c")
	git -C "$tree" checkout -q "$c"
	# perf, selftests and documentation are not read by the kernel's build:
	# a patch that touches nothing else builds as the one before it.
	not_kernel=(':!tools/perf' ':!tools/lib/perf' ':!tools/testing' ':!*.rst' ':!*.txt'
		    ':!MAINTAINERS')
	mapfile -t kernel < <(git -C "$tree" diff-tree --no-commit-id --name-only -r "$c" -- . \
		"${not_kernel[@]}")
	# a new, removed or renamed file: a change of what the build reads
	new=$(git -C "$tree" diff-tree --no-commit-id --name-only -r --diff-filter=ADRC "$c" -- . \
		"${not_kernel[@]}")
	for arch in x86_64 arm64; do
		if [ ${#kernel[@]} -eq 0 ]; then
			echo "# [$i/$n] $arch: no file of the kernel's build changed, not rebuilt"
			continue
		fi
		[ $arch = x86_64 ] && name=x86_64 || name=arm64-min
		# Built here at an earlier state whose build read none of these
		# files, it builds now: nothing it reads changed since.
		if [ -n "${built[$name]:-}" ] && [ -z "$new" ] && ! reads $name "${kernel[@]}"; then
			echo "# [$i/$n] $arch: no file that its build reads changed, not rebuilt"
			continue
		fi
		unset "built[$name]"
		t=$SECONDS
		if bash "$top/scripts/build.sh" $name >>"$log" 2>&1; then
			built[$name]=1
			echo "ok [$i/$n] builds on $arch: $subj ($((SECONDS - t)) s)"
		else
			echo "not ok [$i/$n] builds on $arch: $subj (see build/bisect.log)"
			fail=1
		fi
	done
	if [ -n "$(git -C "$tree" diff-tree --no-commit-id --name-only -r "$c" -- \
			tools/perf tools/lib/perf tools/include ':!*.txt' \
			':!tools/perf/Documentation' ':!tools/perf/tests/shell')" ]; then
		t=$SECONDS
		if bash "$top/scripts/perf.sh" >>"$log" 2>&1; then
			echo "ok [$i/$n] builds perf and libperf's tests: $subj ($((SECONDS - t)) s)"
		else
			echo "not ok [$i/$n] builds perf and libperf's tests: $subj (see build/bisect.log)"
			fail=1
		fi
	fi
	touched=$(git -C "$tree" diff-tree --no-commit-id --name-only -r "$c" -- $files)
	if [ -z "$touched" ]; then
		echo "ok [$i/$n] adds no $checks warning (no kernel C file): $subj"
		continue
	fi
	# A header's warnings show in the files that include it.
	case $touched in *.h*) touched=$files ;; esac
	t=$SECONDS
	bash "$top/scripts/warnings.sh" $touched > "$top/build/warnings.txt"
	new=$(LC_ALL=C comm -13 "$top/build/warnings-base.txt" "$top/build/warnings.txt")
	if [ -z "$new" ]; then
		echo "ok [$i/$n] adds no $checks warning: $subj ($((SECONDS - t)) s)"
	else
		echo "not ok [$i/$n] adds $checks warnings: $subj"
		echo "$new" | sed 's/^/#   /'
		fail=1
	fi
done
exit $fail
