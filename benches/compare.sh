#!/usr/bin/env bash
# gavel beside its peers, on the same generated files in one run, as whole processes (hyperfine
# medians): `gavel check` against PyYAML's C loader on meetings of 10, 100 and 1 000 items
# (examples/meeting_gen.rs), and gavel's palette ranking as a filter (examples/palette_filter.rs)
# beside `fzf --filter` on the 100 000 lines of `cargo bench --bench search`, both as whole
# processes in this run; the console's first frame on the 1 000-item meeting in tmux beside tmux's
# own floor (benches/first_frame.py); then that bench's criterion medians (first screen, each key,
# nucleo-matcher alone) when it has been run.
# Usage: bash benches/compare.sh [runs]   (needs hyperfine, fzf and python3 with PyYAML + libyaml)
# GAVEL_BEFORE=/path/to/an/older/gavel adds its `gavel check` times, for a before/after table.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
work=/tmp/gavel-perf
target=${CARGO_TARGET_DIR:-target}
mkdir -p "$work"

cargo build --release --locked --quiet --bin gavel --example meeting_gen --example palette_filter
gavel="$target/release/gavel"
for items in 10 100 1000; do
  "$target/release/examples/meeting_gen" "$items" "$work/meeting-$items.yaml"
  "$gavel" check "$work/meeting-$items.yaml" >/dev/null
done
python3 -c 'import yaml; assert yaml.__with_libyaml__, "PyYAML without libyaml"'

measure() { # name, command...
  local name=$1
  shift
  local command
  printf -v command '%q ' "$@"
  hyperfine --shell=none --warmup 2 --runs "$runs" --style none \
    --export-json "$work/$name.json" "$command" >/dev/null
}
for items in 10 100 1000; do
  measure "gavel-$items" "$gavel" check "$work/meeting-$items.yaml"
  if [ -n "${GAVEL_BEFORE:-}" ]; then
    measure "before-$items" "$GAVEL_BEFORE" check "$work/meeting-$items.yaml"
  fi
  measure "pyyaml-$items" python3 -c \
    'import yaml,sys; yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)' \
    "$work/meeting-$items.yaml"
done

corpus=/tmp/gavel-search-corpus.txt
if [ ! -s "$corpus" ]; then
  GAVEL_WRITE_CORPUS=1 cargo bench --bench search -- --test >/dev/null 2>&1
fi
# fzf --filter reads the lines from stdin: through a shell, whose own start is measured apart.
# Both through a shell (each reads the lines from stdin), in one hyperfine call, one after the
# other per query; the shell's own start is measured apart and taken off.
palette="$target/release/examples/palette_filter"
for query in b "beschut 26"; do
  hyperfine --warmup 1 --runs "$runs" --style none --export-json "$work/pair-${query// /_}.json" \
    "$palette '$query' < $corpus > /dev/null" \
    "fzf --filter '$query' < $corpus > /dev/null" >/dev/null
done
hyperfine --warmup 1 --runs "$runs" --style none --export-json "$work/shell.json" "true" >/dev/null
# The console's first frame on the 1 000-item meeting in tmux, beside tmux's own floor, interleaved.
rm -f "$work/first-frame.txt"
if command -v tmux >/dev/null 2>&1; then
  python3 benches/first_frame.py "$work/meeting-1000.yaml" "$gavel" "$runs" > "$work/first-frame.txt"
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
print(f"{os.cpu_count()} cores; medians of whole processes (hyperfine), palette: criterion medians")
print()
before = os.path.exists(f"{work}/before-10.json")
print("| figure | gavel | peer, same run | ratio gavel/peer | gavel MB/s |"
      + (" gavel before |" if before else ""))
print("| --- | --- | --- | --- | --- |" + (" --- |" if before else ""))
for items in (10, 100, 1000):
    size = os.path.getsize(f"{work}/meeting-{items}.yaml")
    g, p = median(f"gavel-{items}"), median(f"pyyaml-{items}")
    row = (f"| `gavel check` {items} items ({size / 1000:.0f} KB) | {ms(g)} | "
           f"PyYAML C loader {ms(p)} | {g / p:.2f} | {size / 1e3 / g:.0f} |")
    if before:
        b = median(f"before-{items}")
        row += f" {ms(b)} ({size / 1e3 / b:.0f} MB/s) |"
    print(row)
lines = sum(1 for _ in open(os.environ["CORPUS"]))
shell = median("shell")
group = "search palette, 100 000 lines"
for query in ("b", "beschut 26"):
    pair = "pair-" + query.replace(" ", "_")
    g, f = median(pair, 0) - shell, median(pair, 1) - shell
    print(f"| palette's ranking as a filter, {lines:,} lines, `{query}` (whole process, same run) "
          f"| {ms(g)} | fzf --filter {ms(f)} | {g / f:.2f} | |")
try:
    with open(f"{work}/first-frame.txt") as f:
        first = {line.split(":")[0]: float(line.split("median ")[1].split(" ms")[0])
                 for line in f if "median" in line}
    g = next(v for k, v in first.items() if k != "tmux floor")
    floor = first["tmux floor"]
    print(f"| first frame of the 1 000-item meeting in tmux (goal < 100 ms) | {ms(g)} | "
          f"tmux's floor (a shell printing the word) {ms(floor)} | {g / floor:.1f} | |")
except (OSError, StopIteration, KeyError, IndexError, ValueError):
    print("| first frame | – | (tmux missing) | | |")
print()
print("criterion medians of `cargo bench --bench search` (its last run):")
print()
print("| figure | gavel | peer, same bench run | ratio |")
print("| --- | --- | --- | --- |")
nucleo = "nucleo-matcher, 100 000 lines"
for name, label, peer in (
        ("first screen of results, first keystroke: b", "first screen after `b`", "first keystroke: b"),
        ("first screen of results, a further keystroke: e after b", "first screen after `e` (`be`)", None),
        ("first keystroke: b", "whole ranking of `b` (nucleo-matcher, 2 threads)", "first keystroke: b"),
        ("typing 'beschut 26', all ten keystrokes", "each key of `beschut 26` (mean of ten)",
         "typing 'beschut 26', all ten keystrokes")):
    g = bench(group, name)
    n = bench(nucleo, peer) if peer else None
    if g is None:
        continue
    if "typing" in name:
        g, n = g / 10, (n / 10 if n is not None else None)
    peer_cell = "" if n is None else f"nucleo-matcher alone, 1 thread, whole ranking {ms(n)}"
    ratio = "" if n is None else f"{g / n:.2f}"
    print(f"| palette, 100 000 lines: {label} | {ms(g)} | {peer_cell} | {ratio} |")
EOF
