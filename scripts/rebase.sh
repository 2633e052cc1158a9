#!/bin/bash
# rebase.sh : after the series was rebased in build/linux onto another base
# (a base commit as tree.sh makes them: "linux-source-7.x VERSION", no
# parent), record that base in patches/BASE, move the tag "base" to it, and
# regenerate patches/ with export.sh.  Then commit patches/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tree=$top/build/linux
cd "$tree"

if [ -d "$(git rev-parse --git-path rebase-apply)" ] ||
   [ -d "$(git rev-parse --git-path rebase-merge)" ]; then
	echo "rebase: a git am or git rebase is still going on in build/linux; finish it first" >&2
	exit 1
fi
# The base is the commit with no parent under HEAD.
root=$(git rev-list --max-parents=0 HEAD)
subject=$(git log -1 --format=%s "$root")
if [ "$(echo "$root" | wc -l)" -ne 1 ] ||
   ! echo "$subject" | grep -qx 'linux-source-[0-9][0-9.]* [^ ]*'; then
	echo "rebase: HEAD is not on one base commit \"linux-source-X.Y VERSION\" (see scripts/tree.sh)" >&2
	exit 1
fi

if [ "$(git rev-parse base 2>/dev/null)" != "$root" ]; then
	git tag -f base "$root" >/dev/null
	echo "rebase: tag base moved to $subject"
fi
echo "$subject" > "$top/patches/BASE"
echo "rebase: patches/BASE is $subject"
bash "$top/scripts/export.sh"
