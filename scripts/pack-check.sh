#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, install the tarball into an empty folder, and run it
# there (init, due, next, answer, and the review screen in a pseudo-terminal). Part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
# Nothing but what it ships: no tsc output, no tests, no sources.
if tar -tzf "$work/$tarball" | grep -Ev '^package/(bin/|dist/bin/|decks/|schema/|docs/|README\.md$|LICENSE$|package\.json$)'; then
  echo "pack-check: the files above should not be in the package" >&2
  exit 1
fi
# (Into a file first: grep -q stops reading at its match, and pipefail would count tar's SIGPIPE.)
tar -xzOf "$work/$tarball" package/dist/bin/THIRD-PARTY-NOTICES.md > "$work/notices.md"
grep -q '^## commander ' "$work/notices.md" || { echo "pack-check: no third-party notices" >&2; exit 1; }
mkdir "$work/app"
cd "$work/app"
npm init -y > /dev/null
# better-sqlite3 compiles its addon when installed (as the README says for a global install).
npm pkg set allowScripts.better-sqlite3=true --json
npm install --no-audit --no-fund "$work/$tarball" > /dev/null
installed=$(npm ls --omit=dev --parseable --all | wc -l)
echo "pack-check: $tarball installed with $((installed - 1)) packages"
bin=./node_modules/.bin/llmcards
home="$work/home"
export TZ=UTC NO_COLOR=1
unset LLMCARDS_HOME LLMCARDS_NOW
"$bin" --version
"$bin" --home "$home" init "$home" > /dev/null
now=2026-06-01T08:00:00Z
"$bin" --home "$home" due --json --now "$now" | node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8")); if (!(d.new > 0)) throw new Error("nothing due: " + JSON.stringify(d)); console.log("pack-check: due --json:", d.total, "due")'
card=$("$bin" --home "$home" next --json --now "$now" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).card)')
"$bin" --home "$home" answer "$card" good --json --now "$now" > /dev/null
# The review screen: show the answer, rate it Good, quit (script(1) gives it a terminal).
out=$(printf ' 3q' | script -qec "$bin --home $home review --now $now" /dev/null)
case "$out" in *Again*) ;; *) echo "pack-check: the review screen did not show a card: $out" >&2; exit 1 ;; esac
# Both answers (the scripted one and the review screen's) are in the log.
"$bin" --home "$home" stats --json --now "$now" | node -e 'const s = JSON.parse(require("fs").readFileSync(0, "utf8")); if (s.reviews.today !== 2) throw new Error("answers today: " + s.reviews.today); console.log("pack-check: ok: init, due, next, answer and review work from the installed package")'
