#!/usr/bin/env bash
# fzf on the same 100 000 lines as `cargo bench --bench search`, one run per keystroke of
# "beschut 26" (fzf --filter reads all lines and ranks them, as gavel's palette does).
# Usage: bash benches/fzf.sh   (needs fzf: apt-get install fzf)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=/tmp/gavel-search-corpus.txt
if [ ! -s "$corpus" ]; then
  GAVEL_WRITE_CORPUS=1 cargo bench --bench search -- --test >/dev/null 2>&1
fi
echo "fzf $(fzf --version | cut -d' ' -f1), $(wc -l < "$corpus") lines"
query="beschut 26"
total=0
for end in $(seq 1 ${#query}); do
  part="${query:0:end}"
  best=999999
  for run in 1 2 3 4 5; do
    start=$(date +%s%N)
    fzf --filter "$part" < "$corpus" > /dev/null || true
    took=$(( ($(date +%s%N) - start) / 1000 ))
    (( took < best )) && best=$took
  done
  total=$(( total + best ))
  printf '%-12s %6d µs\n' "'$part'" "$best"
done
printf 'all ten keystrokes: %d µs\n' "$total"
