#!/usr/bin/env bash
# The performance benchmark (docs/performance.md): generates corpora with
# shared/bench/gen_corpus.py and measures, as medians of REPS runs, the full
# build, a no-op rebuild, a rebuild after one new and after one edited issue,
# and the floor on the same corpus and machine (reading and hashing every
# seed file, copying an output folder of the same size).
#
#   benches/run.sh [ISSUES...]        default: 1000 10000
#   REPS=5 BENCH_DIR=/tmp/x benches/run.sh 1000 10000 100000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gen="$root/../shared/bench/gen_corpus.py"
work=${BENCH_DIR:-/tmp/paperboy-bench}
reps=${REPS:-3}
sizes=("${@:-1000 10000}")
[ $# -eq 0 ] && sizes=(1000 10000)
mkdir -p "$work"
(cd "$root" && cargo build --release --quiet)
bin="$root/target/release/paperboy"
export PAPERBOY_NOW=2025-06-01T00:00:00Z

# Runs "$@" REPS times (after `prepare`, untimed) and prints the median wall
# seconds, CPU (user+sys) seconds and peak RSS in MB.
measure() {
  local prepare=$1; shift
  local walls=() cpus=() rss=()
  for _ in $(seq "$reps"); do
    eval "$prepare"
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
    read -r w u s m < <(tail -1 "$work/time.txt")
    walls+=("$w"); cpus+=("$(awk "BEGIN{print $u + $s}")"); rss+=("$((m / 1024))")
  done
  med() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
  echo "$(med "${walls[@]}") $(med "${cpus[@]}") $(med "${rss[@]}")"
}

printf '| corpus | measure | wall s | CPU s | peak RSS MB |\n|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  corpus="$work/c$n"
  [ -d "$corpus" ] || python3 "$gen" --out "$corpus" --issues "$n" --publications 5 --seed 1 >/dev/null
  out="$work/out$n"
  mb=$(du -sm "$corpus" | cut -f1)
  row() { read -r w c m; printf '| %s (%s MB) | %s | %s | %s | %s |\n' "$n" "$mb" "$1" "$w" "$c" "$m"; }
  measure "sync" sh -c "find '$corpus' -name '*.txt' -print0 | xargs -0 cat > /dev/null" | row "floor: read every seed (warm cache)"
  measure "sync" sh -c "find '$corpus' -name '*.txt' -print0 | xargs -0 sha256sum > /dev/null" | row "floor: sha256 every seed"
  measure "rm -rf '$out'" "$bin" build --quiet --seeds "$corpus" --out "$out" --config /dev/null | row "full build (empty output, no state)"
  osize=$(du -sm "$out" | cut -f1)
  measure "rm -rf '$out.copy'" cp -r "$out" "$out.copy" | row "floor: copy the output folder (${osize} MB)"
  rm -rf "$out.copy"
  measure ":" "$bin" build --quiet --seeds "$corpus" --out "$out" --config /dev/null | row "no-op rebuild"
  dirs=("$corpus"/*/)
  slug=$(basename "${dirs[0]}")
  pages=("$corpus/$slug"/*.txt)
  old=${pages[0]}
  new="$corpus/$slug/2025-01-01.txt"
  measure "rm -f '$new'; $bin build --quiet --seeds '$corpus' --out '$out' --config /dev/null; cp '$old' '$new'" \
    "$bin" build --quiet --seeds "$corpus" --out "$out" --config /dev/null | row "one new issue"
  rm -f "$new"
  cp "$old" "$work/saved.txt"
  measure "cp '$work/saved.txt' '$old'; $bin build --quiet --seeds '$corpus' --out '$out' --config /dev/null; echo 补记。 >> '$old'" \
    "$bin" build --quiet --seeds "$corpus" --out "$out" --config /dev/null | row "one old issue edited"
  cp "$work/saved.txt" "$old"
done
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); reps: $reps"
