#!/usr/bin/env bash
# Runs every libFuzzer target in fuzz/ for a bounded time and prints what each
# did (executions, time, findings).
#
#   scripts/fuzz.sh [seconds per target, default 60] [target ...]
#
# cargo-fuzz wants a nightly compiler for a few -Z flags; the machine has the
# stable 1.95.0, so RUSTC_BOOTSTRAP=1 unlocks them (fuzz/rust-toolchain.toml).
# No sanitizer: the model is safe Rust, so AddressSanitizer would only slow it.
# A crash is saved in fuzz/artifacts/<target>/ and the script fails; turn it
# into a regression test in model/ (see README, "Hardening").
# -timeout=2: an input that takes over 2 s is a finding too (a slow path; the
# html target also reads some inputs repeated to 256 KB to expose them).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT/fuzz"

SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  mapfile -t TARGETS < <(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^article-fuzz$')
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== fuzz: installing cargo-fuzz (a few minutes)"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi
export RUSTC_BOOTSTRAP=1

# Seeds: the documents the project already has, and the HTML bodies inside
# them (copied; the corpus grows locally and is not committed).
mkdir -p corpus/document corpus/html
cp ../public/articles/*.json ../tests/e2e/fixtures/*.json corpus/document/
node - ../tests/e2e/fixtures corpus/html <<'JS'
const fs = require("fs"), path = require("path");
const [from, to] = process.argv.slice(2);
let n = 0;
const walk = (v) => {
  if (typeof v === "string" && /<[a-z]/i.test(v)) fs.writeFileSync(path.join(to, `seed-${n++}.html`), v);
  else if (v && typeof v === "object") Object.values(v).forEach(walk);
};
for (const f of fs.readdirSync(from).filter((f) => f.endsWith(".json"))) walk(JSON.parse(fs.readFileSync(path.join(from, f))));
JS

status=0
for target in "${TARGETS[@]}"; do
  printf '\n== fuzz: %s for %ss\n' "$target" "$SECONDS_PER_TARGET"
  extra=()
  case "$target" in
    document) extra=(-dict=json.dict -max_len=16384) ;;
    html) extra=(-dict=html.dict -max_len=8192) ;;
  esac
  log="target/fuzz-$target.log"
  mkdir -p target
  if cargo fuzz run --sanitizer none --debug-assertions "$target" -- \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=2 -print_final_stats=1 "${extra[@]}" >"$log" 2>&1; then
    result="no crash"
  else
    result="CRASH (see fuzz/$log and fuzz/artifacts/$target/)"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  corpus=$(ls "corpus/$target" 2>/dev/null | wc -l)
  echo "$target: ${runs:-?} executions in ${SECONDS_PER_TARGET}s, ${cov:-cov: ?}, corpus $corpus inputs: $result"
  [ "$result" = "no crash" ] || grep -m5 -E 'panicked|ERROR|SUMMARY' "$log" || true
done
exit $status
