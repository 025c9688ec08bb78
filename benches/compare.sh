#!/usr/bin/env bash
# Every figure of issue 25 beside its peer, in one run (hyperfine medians of whole processes,
# criterion medians for the palette's ranking inside the console):
# - `gavel check` against PyYAML's C loader on meetings of 10, 100 and 1 000 items and on the
#   1 000-item meeting's minutes (examples/meeting_gen.rs), each PDF read as a first check
#   reads it (no `.gavel-cache` yet: one pdftotext per distinct PDF);
# - `gavel check DIR` on 500 meetings with their minutes beside PyYAML loading the same 1 000
#   files, and how often the most-opened of them was opened (strace: each file once);
# - the commitments register (`gavel commitments DIR`, 200 minutes files) beside PyYAML loading
#   those 200 files;
# - the palette's ranking as a whole process (examples/palette_filter.rs) beside `fzf --filter`
#   on the 100 000 lines of `cargo bench --bench search`;
# - the console's first frame on the 1 000-item meeting with its minutes, in tmux, beside tmux's
#   own floor (benches/first_frame.py);
# - `cargo bench --bench search`'s palette figures (first screen, each key, whole ranking) beside
#   nucleo-matcher alone, run here (GAVEL_SKIP_CRITERION=1 leaves them out).
# Usage: bash benches/compare.sh [runs]   (needs hyperfine, fzf, tmux, strace and python3 with
# PyYAML + libyaml; a missing tmux or strace leaves its row out and says so)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
work=/tmp/gavel-perf
target=${CARGO_TARGET_DIR:-target}
rm -rf "$work"
mkdir -p "$work"

cargo build --release --locked --quiet --bin gavel --example meeting_gen --example palette_filter
gavel="$target/release/gavel"
gen="$target/release/examples/meeting_gen"
for items in 10 100 1000; do
  "$gen" "$items" "$work/meeting-$items.yaml"
done
mkdir -p "$work/minutes"
"$gen" 1000 "$work/minutes/meeting-1000.yaml" --minutes
"$gen" --folder "$work/folder" 500 10
"$gen" --folder "$work/register" 200 10
for file in "$work"/meeting-*.yaml "$work/minutes/meeting-1000.minutes.yaml"; do
  "$gavel" check "$file" >/dev/null
done
"$gavel" check "$work/folder" >/dev/null
python3 -c 'import yaml; assert yaml.__with_libyaml__, "PyYAML without libyaml"'

measure() { # name, command...
  local name=$1
  shift
  local command
  printf -v command '%q ' "$@"
  hyperfine --shell=none --warmup 2 --runs "$runs" --style none \
    --export-json "$work/$name.json" "$command" >/dev/null
}
pyyaml='import yaml,sys; [yaml.load(open(name), Loader=yaml.CSafeLoader) for name in sys.argv[1:]]'
for items in 10 100 1000; do
  measure "gavel-$items" "$gavel" check "$work/meeting-$items.yaml"
  measure "pyyaml-$items" python3 -c "$pyyaml" "$work/meeting-$items.yaml"
done
measure gavel-minutes "$gavel" check "$work/minutes/meeting-1000.minutes.yaml"
measure pyyaml-minutes python3 -c "$pyyaml" "$work/minutes/meeting-1000.minutes.yaml"
measure gavel-folder "$gavel" check "$work/folder"
# shellcheck disable=SC2046 # the file names have no spaces
measure pyyaml-folder python3 -c "$pyyaml" $(ls "$work"/folder/*.yaml)
measure gavel-register "$gavel" commitments "$work/register"
# shellcheck disable=SC2046
measure pyyaml-register python3 -c "$pyyaml" $(ls "$work"/register/*.minutes.yaml)
rm -f "$work/opens.txt"
if command -v strace >/dev/null 2>&1; then
  strace -f -e trace=openat -o "$work/strace.txt" "$gavel" check "$work/folder" >/dev/null 2>&1
  grep -o '"[^"]*\.yaml"' "$work/strace.txt" | sort | uniq -c | sort -rn > "$work/opens-all.txt"
  head -1 "$work/opens-all.txt" > "$work/opens.txt"
fi

corpus=/tmp/gavel-search-corpus.txt
if [ ! -s "$corpus" ]; then
  GAVEL_WRITE_CORPUS=1 cargo bench --bench search -- --test >/dev/null 2>&1
fi
# Both read the lines from stdin, so both through a shell, in one hyperfine call per query; the
# shell's own start is measured apart and taken off.
palette="$target/release/examples/palette_filter"
for query in b "beschut 26"; do
  hyperfine --warmup 1 --runs "$runs" --style none --export-json "$work/pair-${query// /_}.json" \
    "$palette '$query' < $corpus > /dev/null" \
    "fzf --filter '$query' < $corpus > /dev/null" >/dev/null
done
hyperfine --warmup 1 --runs "$runs" --style none --export-json "$work/shell.json" "true" >/dev/null
# The console's first frame on the 1 000-item meeting with its minutes, beside tmux's floor.
if command -v tmux >/dev/null 2>&1; then
  python3 benches/first_frame.py "$work/minutes/meeting-1000.yaml" "$gavel" "$runs" \
    > "$work/first-frame.txt"
fi
if [ -z "${GAVEL_SKIP_CRITERION:-}" ]; then
  cargo bench --locked --bench search -- --measurement-time 3 \
    "100 000 lines/(first keystroke: b|first screen|typing)" >/dev/null 2>&1
fi

WORK="$work" CRITERION="$target/criterion" CORPUS="$corpus" python3 - <<'EOF'
import json, os
work, criterion = os.environ["WORK"], os.environ["CRITERION"]

def median(name, which=0):
    with open(f"{work}/{name}.json") as f:
        return json.load(f)["results"][which]["median"] * 1000

def bench(group, name):
    """A criterion median in ms, or None when `cargo bench --bench search` has not run."""
    clean = lambda s: "".join("_" if c in '?"/\\*<>:|^' else c for c in s)
    path = f"{criterion}/{clean(group)}/{clean(name)}/new/estimates.json"
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"] / 1e6
    except OSError:
        return None

ms = lambda v: "–" if v is None else (f"{v:.1f} ms" if v < 100 else f"{v:.0f} ms")
size = lambda path: os.path.getsize(path)
print(f"{os.cpu_count()} cores; medians of whole processes (hyperfine), "
      "the palette inside the console: criterion medians of this run")
print()
print("| figure | gavel | peer, same run | ratio gavel/peer | goal |")
print("| --- | --- | --- | --- | --- |")
for items in (10, 100, 1000):
    bytes_ = size(f"{work}/meeting-{items}.yaml")
    g, p = median(f"gavel-{items}"), median(f"pyyaml-{items}")
    goal = "<= 0.1, >= 50 MB/s" if items == 1000 else ""
    count = f"{items:,}".replace(",", " ")
    print(f"| `gavel check` {count} items ({bytes_ / 1e6:.2f} MB, {bytes_ / 1e3 / g:.0f} MB/s) "
          f"| {ms(g)} | PyYAML C loader {ms(p)} | {g / p:.2f} | {goal} |")
bytes_ = size(f"{work}/minutes/meeting-1000.minutes.yaml")
g, p = median("gavel-minutes"), median("pyyaml-minutes")
print(f"| `gavel check` the 1 000 items' minutes ({bytes_ / 1e6:.1f} MB) | {ms(g)} "
      f"| PyYAML C loader {ms(p)} | {g / p:.2f} | <= 0.1 |")
opens = "–"
try:
    with open(f"{work}/opens.txt") as f:
        count = f.read().split()[0]
        opens = "once" if count == "1" else f"{count} times"
except (OSError, IndexError):
    pass
g, p = median("gavel-folder"), median("pyyaml-folder")
print(f"| `gavel check DIR`, 500 meetings + 500 minutes: the most-opened file opened {opens} "
      f"| {ms(g)} | PyYAML C loader, the 1 000 files in one process {ms(p)} | {g / p:.2f} "
      "| each file read once |")
g, p = median("gavel-register"), median("pyyaml-register")
print(f"| the commitments register, 200 minutes files (`gavel commitments DIR`) | {ms(g)} "
      f"| PyYAML C loader, the 200 files in one process {ms(p)} | {g / p:.2f} | < 100 ms |")
lines = sum(1 for _ in open(os.environ["CORPUS"]))
lines_shown = f"{lines:,}".replace(",", " ")
shell = median("shell")
for query in ("b", "beschut 26"):
    pair = "pair-" + query.replace(" ", "_")
    g, f = median(pair, 0) - shell, median(pair, 1) - shell
    print(f"| the palette's ranking as a whole process, {lines_shown} lines, `{query}` "
          f"| {ms(g)} | fzf --filter {ms(f)} | {g / f:.2f} | |")
try:
    with open(f"{work}/first-frame.txt") as f:
        first = {line.split(":")[0]: float(line.split("median ")[1].split(" ms")[0])
                 for line in f if "median" in line}
    g = next(v for k, v in first.items() if k != "tmux floor")
    own = next((v for k, v in first.items() if k.endswith("(its own account)")), None)
    floor = first["tmux floor"]
    print(f"| first frame, 1 000 items + their minutes, in tmux (the console's own account: "
          f"{ms(own)} from its start to its first frame drawn) | {ms(g)} | "
          f"tmux's floor (a shell printing the word) {ms(floor)} | {g / floor:.1f} | < 100 ms |")
except (OSError, StopIteration, KeyError, IndexError, ValueError):
    print("| first frame | – | (tmux missing: not measured) | | < 100 ms |")
group = "search palette, 100 000 lines"
nucleo = "nucleo-matcher, 100 000 lines"
for name, label, peer, goal in (
        ("first screen of results, first keystroke: b", "first screen of results after `b`",
         "first keystroke: b", "< 16 ms"),
        ("first screen of results, a further keystroke: e after b",
         "first screen after a further key (`e` of `be`)", None, "< 16 ms"),
        ("first keystroke: b", "whole ranking of `b`", "first keystroke: b",
         "<= nucleo-matcher alone"),
        ("typing 'beschut 26', all ten keystrokes", "each key of `beschut 26` (mean of ten)",
         "typing 'beschut 26', all ten keystrokes", "")):
    g = bench(group, name)
    n = bench(nucleo, peer) if peer else None
    if g is None:
        print(f"| palette, 100 000 lines: {label} | – | (criterion not run) | | {goal} |")
        continue
    if "typing" in name:
        g, n = g / 10, (n / 10 if n is not None else None)
    peer_cell = "" if n is None else f"nucleo-matcher alone, 1 thread, whole ranking {ms(n)}"
    ratio = "" if n is None else f"{g / n:.2f}"
    print(f"| palette, 100 000 lines: {label} | {ms(g)} | {peer_cell} | {ratio} | {goal} |")
EOF
