#!/usr/bin/env bash
# Seeds fuzz/corpus/parse_page/ (git-ignored) from real pages of ../shared/corpus, read in
# place: every 40th current page, every 20th legacy page, a few two-page inputs (pages of one
# folder joined by a \x01 byte, which the target splits on), and the hand-written bad pages
# of codegen/tests/pages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${1:-$here/../../shared/corpus}"
out="$here/corpus/parse_page"
mkdir -p "$out"
[ -d "$corpus/current" ] || { echo "no corpus at $corpus" >&2; exit 1; }

n=0
seed() { cp "$1" "$out/$(printf '%03d' "$n")-$(basename "$1")"; n=$((n + 1)); }

mapfile -t current < <(cd "$corpus/current" && find . -name '*.md' ! -name '_*' ! -name index.md ! -name README.md | LC_ALL=C sort)
mapfile -t legacy < <(cd "$corpus/legacy" && find . -name '*.md' | LC_ALL=C sort)
for ((i = 0; i < ${#current[@]}; i += 40)); do seed "$corpus/current/${current[i]}"; done
for ((i = 0; i < ${#legacy[@]}; i += 20)); do seed "$corpus/legacy/${legacy[i]}"; done

# Two pages of one folder in one input: models merged (or split) across pages.
for folder in uhub-api pathx-api udb-api; do
    mapfile -t two < <(cd "$corpus/current/$folder" && ls ./*_*.md | grep -v '^./_' | LC_ALL=C sort | head -2)
    if [ "${#two[@]}" -eq 2 ]; then
        { cat "$corpus/current/$folder/${two[0]}"; printf '\001'; cat "$corpus/current/$folder/${two[1]}"; } >"$out/$(printf '%03d' "$n")-pair-$folder.md"
        n=$((n + 1))
    fi
done

if [ -d "$here/../codegen/tests/pages" ]; then
    for f in "$here"/../codegen/tests/pages/*.md; do
        # Skip huge generated inputs: libFuzzer's -max_len keeps inputs small anyway.
        [ "$(stat -c %s "$f")" -lt 65536 ] && seed "$f"
    done
fi
echo "seeded $n inputs in $out"
