#!/usr/bin/env bash
# Sets up, then runs every check and test the project has. CI runs exactly this.
set -euo pipefail
"$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
step() { printf '\n== test: %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "widget CSS and inline animations use no rem units (the host's root font size must not resize the widget)"
if grep -nE '[0-9.]rem\b' $(ls style/*.css | grep -v -e dev-page.css -e embed-page.css) src/*.rs src/*/*.rs; then exit 1; fi

step "clippy (native crates, then the widget for wasm32)"
cargo clippy --workspace --exclude widget --all-targets -- -D warnings
cargo clippy -p widget --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p widget --target wasm32-unknown-unknown --features test-hooks -- -D warnings

step "TypeScript declarations: an example host script against article-widget.d.ts (tsc --strict)"
(cd tests/e2e && npx tsc -p types)

step "native tests"
# poll-server's PostgreSQL tests need a server: a throwaway one on loopback.
scripts/with-postgres.sh cargo test --workspace --exclude widget

step "release build"
# The prerendered host pages of the browser tests (and dist/prerendered.html)
# run article-render; the native tests above already built it (debug).
cargo build -p article-render
trunk build --release
# The browser tests run the real poll server (tests/e2e/server/poll-servers.mjs).
cargo build --profile server -p poll-server

step "bundle size and budget (perf/budget.json)"
scripts/size.sh
if grep -q ForTests dist/widget.js; then echo "the release build exports a test hook"; exit 1; fi

step "browser tests (headless Chromium)"
# The same release build plus the tests' own hook (feature test-hooks, see
# src/panic.rs); only the widget crate is compiled again.
trunk build --release --features test-hooks
(cd tests/e2e && npx playwright test)

echo "test: all passed"
