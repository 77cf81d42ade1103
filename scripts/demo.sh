#!/usr/bin/env bash
# Sets up, then serves the demo: the seed article at http://127.0.0.1:8080/
# with a live poll (poll-server on 127.0.0.1:8787, proxied under /api/ by
# Trunk.toml), and the same article prerendered at /prerendered.html. Votes are kept in target/demo/poll.db between runs. Ctrl-C
# stops both.
set -euo pipefail
"$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"

# article-render makes the prerendered page (/prerendered.html) at build time.
cargo build --profile server -p poll-server -p article-render
mkdir -p target/demo
log=target/demo/poll-server.log
target/server/poll-server \
  --listen 127.0.0.1:8787 \
  --database-url sqlite://target/demo/poll.db \
  --articles-dir public/articles \
  --allow-origin http://127.0.0.1:8080 \
  >target/demo/poll-server.out 2>"$log" &
poll_server=$!
trap 'kill "$poll_server" 2>/dev/null || true; wait "$poll_server" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 100); do
  if grep -q "listening on" target/demo/poll-server.out 2>/dev/null; then break; fi
  if ! kill -0 "$poll_server" 2>/dev/null; then
    echo "demo: poll-server did not start; its log ($log):" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "demo: $(cat target/demo/poll-server.out) (log: $log)"
echo "demo: the seed article prerendered, as readers get it at first paint: http://127.0.0.1:8080/prerendered.html"
echo "demo: rendered from JSON in the browser (the development page): http://127.0.0.1:8080/"

trunk serve --release
