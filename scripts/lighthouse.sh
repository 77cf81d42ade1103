#!/usr/bin/env bash
# Lighthouse (accessibility, best practices) on the demo page, offline, in
# Debian's headless Chromium. Prints the scores; fails below the targets.
#
#   scripts/lighthouse.sh [page path, default /]     (e.g. "/?theme=dark")
#
# Serves dist/ (built first) with the browser tests' server, which sends
# the strict Content-Security-Policy publishers use.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"

LIGHTHOUSE_VERSION=12.8.2 # 13.x needs Node 22
PAGE="${1:-/}"
PORT="${LIGHTHOUSE_PORT:-4399}"
TARGET=100

if [ "$(lighthouse --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  echo "== lighthouse: installing lighthouse@$LIGHTHOUSE_VERSION into .tools/"
  npm install --prefix .tools --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi
# Always build: a dist/ left by `trunk serve` carries its inline live-reload script.
trunk build --release

node tests/e2e/server/test-server.mjs "$PORT" >/dev/null &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/index.html" >/dev/null && break; sleep 0.1; done

mkdir -p target/lighthouse
report=target/lighthouse/report.json
CHROME_PATH=/usr/bin/chromium lighthouse "http://127.0.0.1:$PORT$PAGE" \
  --quiet --only-categories=accessibility,best-practices \
  --output=json --output-path="$report" \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

node - "$report" "$TARGET" <<'JS'
const report = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const target = Number(process.argv[3]);
let ok = true;
for (const category of Object.values(report.categories)) {
  const score = Math.round(category.score * 100);
  console.log(`${category.title}: ${score}`);
  if (score < target) ok = false;
  for (const ref of category.auditRefs) {
    const audit = report.audits[ref.id];
    if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`  failed: ${audit.id}: ${audit.title}`);
  }
}
console.log(`(Lighthouse ${report.lighthouseVersion}, ${report.finalDisplayedUrl})`);
process.exit(ok ? 0 : 1);
JS
