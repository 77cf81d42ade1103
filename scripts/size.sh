#!/usr/bin/env bash
# Prints the release bundle's size: raw and gzip bytes per file and in total.
# Run after `trunk build --release`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT/dist"
printf '%-28s %10s %10s\n' file raw gzip
total_raw=0
total_gz=0
for f in *.wasm *.js *.css; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-28s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-28s %10d %10d\n' total "$total_raw" "$total_gz"
