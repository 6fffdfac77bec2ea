#!/usr/bin/env bash
# The performance benchmark (docs/performance.md): generates corpora with
# shared/bench/gen_corpus.py (8 publications) and measures on each, in one
# run and as medians of REPS runs (wall, CPU, peak RSS):
#   - the floor: reading and hashing every seed file, copying paperboy's
#     output folder (cp -r), and their sum;
#   - paperboy: the full build, a no-op rebuild, a rebuild after one new
#     issue, after one issue removed and after one old issue edited;
#   - the peers doing the same feed job on the same articles: Hugo (Debian's
#     package) and python-feedgen (pip), installed here when missing. The
#     articles are handed to them by benches/peers/convert.py from
#     paperboy's own JSON feeds (timed on its own row), and what each peer
#     wrote is checked by benches/peers/check_feeds.py before it counts.
# Then prints a markdown table per corpus, with ratios to the floor and to
# paperboy's full build, and the machine, the load, the versions and the date.
#
#   benches/run.sh [ISSUES...]        default: 1000 10000
#   REPS=5 BENCH_DIR=/tmp/x benches/run.sh 1000 10000 100000
#   PEERS=0 benches/run.sh 1000       paperboy and the floor only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gen="$root/../shared/bench/gen_corpus.py"
peers_dir="$root/benches/peers"
work=${BENCH_DIR:-/tmp/paperboy-bench}
reps=${REPS:-3}
with_peers=${PEERS:-1}
sizes=("$@")
[ $# -eq 0 ] && sizes=(1000 10000)
mkdir -p "$work"
config="$work/paperboy.toml" # every setting at its default
: >"$config"
(cd "$root" && cargo build --release --quiet)
bin="$root/target/release/paperboy"
export PAPERBOY_NOW=2025-06-01T00:00:00Z

install_peers() {
  command -v hugo >/dev/null ||
    apt-get install -y -q hugo >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q hugo >/dev/null; }
  python3 -c 'import feedgen' 2>/dev/null || pip install --quiet feedgen
}
[ "$with_peers" = 1 ] && install_peers

# measure NAME PREPARE COMMAND...: runs COMMAND REPS times (after PREPARE,
# untimed) and keeps the median wall seconds, CPU (user + system) seconds and
# peak RSS in MB under NAME. A failing command stops the benchmark.
declare -A wall cpu rss
order=()
measure() {
  local name=$1 prepare=$2
  shift 2
  local walls=() cpus=() rsss=()
  for _ in $(seq "$reps"); do
    eval "$prepare"
    if ! /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>"$work/stderr.txt"; then
      echo "benchmark: '$*' failed:" >&2
      cat "$work/stderr.txt" "$work/time.txt" >&2
      exit 1
    fi
    read -r w u s m < <(tail -1 "$work/time.txt")
    walls+=("$w")
    cpus+=("$(awk "BEGIN{print $u + $s}")")
    rsss+=("$((m / 1024))")
  done
  wall[$name]=$(median "${walls[@]}")
  cpu[$name]=$(median "${cpus[@]}")
  rss[$name]=$(median "${rsss[@]}")
  order+=("$name")
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"–\" }"; }

# One table: every measure of this corpus, with ratios of wall time to the
# floor's sum and of wall, CPU and RSS to paperboy's full build.
print_table() {
  local base=$1 floor=$2
  printf '| measure | wall s | CPU s | peak RSS MB | wall ÷ floor | wall ÷ paperboy | CPU ÷ paperboy | RSS ÷ paperboy |\n'
  printf '|---|---|---|---|---|---|---|---|\n'
  for name in "${order[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "${wall[$name]}" "${cpu[$name]}" "${rss[$name]}" \
      "$(ratio "${wall[$name]}" "${wall[$floor]}")" "$(ratio "${wall[$name]}" "${wall[$base]}")" \
      "$(ratio "${cpu[$name]}" "${cpu[$base]}")" "$(ratio "${rss[$name]}" "${rss[$base]}")"
  done
}

paperboy=("$bin" build --quiet --config "$config")
build() { "${paperboy[@]}" --seeds "$1" --out "$2"; }

echo "load before: $(uptime)"
for n in "${sizes[@]}"; do
  wall=() cpu=() rss=() order=()
  corpus="$work/c${n}p8"
  [ -d "$corpus" ] || python3 "$gen" --out "$corpus" --issues "$n" --publications 8 --seed 1 >/dev/null
  out="$work/out$n"
  mb=$(du -sm "$corpus" | cut -f1)
  pages=$(find "$corpus" -name '*.txt' ! -name MANIFEST.txt | wc -l)

  measure "floor: read every seed (warm cache)" "sync" \
    sh -c "find '$corpus' -name '*.txt' -print0 | xargs -0 cat > /dev/null"
  measure "floor: sha256 every seed" "sync" \
    sh -c "find '$corpus' -name '*.txt' -print0 | xargs -0 sha256sum > /dev/null"
  full="paperboy: full build (empty output, no state)"
  measure "$full" "rm -rf '$out'" "${paperboy[@]}" --seeds "$corpus" --out "$out"
  osize=$(du -sm "$out" | cut -f1)
  copy="floor: copy paperboy's output (${osize} MB, cp -r)"
  measure "$copy" "rm -rf '$out.copy'" cp -r "$out" "$out.copy"
  rm -rf "$out.copy"
  floor="floor: read + sha256 + copy"
  read_seeds="floor: read every seed (warm cache)" hash_seeds="floor: sha256 every seed"
  wall[$floor]=$(awk "BEGIN{print ${wall[$read_seeds]} + ${wall[$hash_seeds]} + ${wall[$copy]}}")
  cpu[$floor]=$(awk "BEGIN{print ${cpu[$read_seeds]} + ${cpu[$hash_seeds]} + ${cpu[$copy]}}")
  rss[$floor]=$(printf '%s\n' "${rss[$read_seeds]}" "${rss[$hash_seeds]}" "${rss[$copy]}" | sort -g | tail -1)
  order+=("$floor")

  if [ "$with_peers" = 1 ]; then
    site="$work/hugo$n" entries="$work/entries$n.jsonl" hugo_out="$work/hugo-out$n" feedgen_out="$work/feedgen-out$n"
    # Preparation, not a figure to compare: timed once.
    reps=1 measure "peers' input: convert.py reads paperboy's JSON feeds (one run; not in the peers' figures)" \
      "rm -rf '$site' '$entries'; mkdir -p '$site'" python3 "$peers_dir/convert.py" "$out" "$entries" "$site"
    cp -r "$peers_dir/hugo/." "$site/"
    measure "Hugo $(hugo version | grep -o 'v[0-9.]*' | head -1): site-wide and per-paper RSS + Atom, full text; a page per article" \
      "rm -rf '$hugo_out'" hugo --quiet --source "$site" --destination "$hugo_out"
    python3 "$peers_dir/check_feeds.py" "$entries" "$hugo_out" index.xml atom.xml >/dev/null
    measure "python-feedgen $(python3 -c 'import importlib.metadata as m; print(m.version("feedgen"))'): site-wide and per-paper RSS + Atom, full text" \
      "rm -rf '$feedgen_out'" python3 "$peers_dir/feedgen_feeds.py" "$entries" "$feedgen_out"
    python3 "$peers_dir/check_feeds.py" "$entries" "$feedgen_out" rss.xml atom.xml >/dev/null
    rm -rf "$hugo_out" "$feedgen_out" "$site"
  fi

  measure "paperboy: no-op rebuild" ":" "${paperboy[@]}" --seeds "$corpus" --out "$out"
  dirs=("$corpus"/*/)
  slug=$(basename "${dirs[0]}")
  slug_pages=("$corpus/$slug"/*.txt)
  old=${slug_pages[0]}
  new="$corpus/$slug/2025-01-01.txt"
  measure "paperboy: one new issue" "rm -f '$new'; build '$corpus' '$out'; cp '$old' '$new'" "${paperboy[@]}" --seeds "$corpus" --out "$out"
  rm -f "$new"
  cp "$old" "$work/saved.txt"
  measure "paperboy: one issue removed" "cp '$work/saved.txt' '$old'; build '$corpus' '$out'; rm '$old'" "${paperboy[@]}" --seeds "$corpus" --out "$out"
  measure "paperboy: one old issue edited" "cp '$work/saved.txt' '$old'; build '$corpus' '$out'; echo 补记。 >> '$old'" "${paperboy[@]}" --seeds "$corpus" --out "$out"
  cp "$work/saved.txt" "$old"
  summary=$("$bin" build --seeds "$corpus" --out "$out" --config "$config")
  echo
  echo "corpus: gen_corpus.py --issues $n --publications 8 --seed 1: $pages pages, $mb MB; paperboy's output $osize MB"
  echo "paperboy: $summary"
  echo
  print_table "$full" "$floor"
done
echo
echo "load after: $(uptime)"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC'); reps: $reps; commit $(git -C "$root" rev-parse --short HEAD)"
