#!/bin/bash
# check.sh [STAGE...] : every test of the project, stage by stage, with
# timings; ends with "N passed, N failed" and fails if anything failed.
# A stage's output goes to build/logs/STAGE.log; its "ok"/"not ok" lines
# are shown and counted (a stage that fails without one counts as one),
# and so are its "#" lines, which say more.  A shell error in the log
# ("x.sh: line N: ..."), which can drop a result line while the stage
# exits 0, fails the stage too.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logs=$top/build/logs
mkdir -p "$logs"
passed=0 failed=0 start=$SECONDS

declare -A cmd=(
	[selfcheck]="bash scripts/selfcheck.sh"
	[checkpatch]="bash scripts/checkpatch.sh"
	[bisect]="bash scripts/bisect.sh"
	[size]="bash scripts/size.sh"
	[kunit-x86_64]="bash scripts/kunit.sh x86_64"
	[kunit-arm64]="bash scripts/kunit.sh arm64"
	[build]="bash scripts/build.sh x86_64"
	[demo]="bash scripts/demo.sh"
	[selftest]="bash scripts/selftest.sh"
	[perf]="bash scripts/perf.sh"
	[perftest]="bash scripts/perftest.sh"
	[regress]="bash scripts/regress.sh"
	[perf-arm64]="bash scripts/perf.sh arm64"
	[selftest-arm64]="bash scripts/selftest.sh arm64"
	[perftest-arm64]="bash scripts/perftest.sh arm64"
	[manpage]="bash scripts/manpage.sh"
	[mbox]="bash scripts/mbox.sh --check"
	[send]="bash scripts/send.sh"
)
order=(selfcheck checkpatch bisect size kunit-x86_64 kunit-arm64 build perf demo
       selftest perftest regress perf-arm64 selftest-arm64 perftest-arm64 manpage mbox send)
[ $# -eq 0 ] || order=("$@")

stage() {
	local name=$1 t=$SECONDS rc ok nok
	echo "=== $name"
	# The log must exist before tail opens it.
	: > "$logs/$name.log"
	${cmd[$name]} > "$logs/$name.log" 2>&1 &
	tail -n +1 -f --pid=$! "$logs/$name.log" | grep --line-buffered -E '^((not )?ok |#)'
	wait $!
	rc=$?
	ok=$(grep -c '^ok ' "$logs/$name.log")
	nok=$(grep -c '^not ok ' "$logs/$name.log")
	if grep -qE '\.sh: line [0-9]+: ' "$logs/$name.log"; then
		nok=$((nok + 1))
		echo "not ok $name: a shell error in its log"
		grep -E '\.sh: line [0-9]+: ' "$logs/$name.log" | head -n 5 | sed 's/^/# /'
	fi
	if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
		nok=1
		echo "not ok $name (exit $rc)"
	fi
	[ "$rc" -ne 0 ] || [ "$ok" -gt 0 ] || [ "$nok" -gt 0 ] || ok=1
	[ "$nok" -eq 0 ] || tail -n 25 "$logs/$name.log" | sed 's/^/  | /'
	passed=$((passed + ok)) failed=$((failed + nok))
	printf '=== %s: %ds, %d passed, %d failed\n' "$name" $((SECONDS - t)) "$ok" "$nok"
}

t=$SECONDS
if ! bash scripts/deps.sh || ! bash scripts/tree.sh; then
	echo "check: cannot install dependencies or materialize the tree"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "=== deps and tree: $((SECONDS - t))s"
for s in "${order[@]}"; do
	[ -n "${cmd[$s]:-}" ] || { echo "check: no stage '$s'" >&2; exit 2; }
	stage "$s"
done
echo "=== total: $((SECONDS - start))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
