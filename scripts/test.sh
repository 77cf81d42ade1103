#!/usr/bin/env bash
# Sets up, then runs every check and test the project has. CI runs exactly this.
set -euo pipefail
"$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
step() { printf '\n== test: %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (native crates, then the widget for wasm32)"
cargo clippy --workspace --exclude article-widget --all-targets -- -D warnings
cargo clippy -p article-widget --target wasm32-unknown-unknown -- -D warnings

step "native tests"
# poll-server's PostgreSQL tests need a server: a throwaway one on loopback.
scripts/with-postgres.sh cargo test --workspace --exclude article-widget

step "release build"
trunk build --release
# The browser tests run the real poll server (tests/e2e/server/poll-servers.mjs).
cargo build --release -p poll-server

step "bundle size and budget (perf/budget.json)"
scripts/size.sh

step "browser tests (headless Chromium)"
(cd tests/e2e && npx playwright test)

echo "test: all passed"
