#!/usr/bin/env bash
# Build benchmark: generates courses of 1,000 and 5,000 modules and reports, for each, the
# median of 3 builds' wall time, user CPU time and peak memory (GNU time).
# usage: bench/build.sh [sizes...]   (default: 1000 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 5000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-8s %10s %10s %10s %12s\n' modules pages wall_s user_s peak_MB
for n in "${sizes[@]}"; do
  python3 bench/gen_course.py "$n" "$work/c$n"
  walls=(); users=(); peaks=()
  for run in 1 2 3; do
    /usr/bin/time -f '%e %U %M' -o "$work/time" target/release/ingroup build --root "$work/c$n" --out "$work/out$n" > "$work/log" 2>&1 || { tail -5 "$work/log"; exit 1; }
    read -r wall user peak < "$work/time"
    walls+=("$wall"); users+=("$user"); peaks+=("$peak")
  done
  pages=$(find "$work/out$n" -name '*.html' | wc -l)
  printf '%-8s %10s %10s %10s %12s\n' "$n" "$pages" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${users[@]}" | median)" \
    "$(( $(printf '%s\n' "${peaks[@]}" | median) / 1024 ))"
done
