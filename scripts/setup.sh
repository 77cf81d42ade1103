#!/usr/bin/env bash
# Installs whatever the project needs and this machine lacks; skips what is
# there, so running it again is quick. The single source of truth for set-up.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
ESBUILD_VERSION=0.28.2
step() { printf '\n== setup: %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# rust-toolchain.toml names the toolchain and the wasm target; this installs both.
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# Trunk only uses a wasm-bindgen whose version equals the one in Cargo.lock.
BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  step "wasm-bindgen-cli $BINDGEN_VERSION"
  # No --locked: its lock file names a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

# Debian's binaryen is too old for today's wasm-bindgen output; npm's is not.
# esbuild minifies the release's JavaScript and CSS (scripts/minify.sh).
if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ] ||
  [ "$(esbuild --version 2>/dev/null)" != "$ESBUILD_VERSION" ]; then
  step "wasm-opt and esbuild (npm binaryen@$BINARYEN_VERSION, esbuild@$ESBUILD_VERSION)"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --loglevel=error \
    "binaryen@$BINARYEN_VERSION" "esbuild@$ESBUILD_VERSION"
fi

missing_apt=()
[ -x /usr/bin/chromium ] || missing_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || missing_apt+=(chromium-driver)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing_apt+=(postgresql)
if [ ${#missing_apt[@]} -gt 0 ]; then
  step "apt: ${missing_apt[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing_apt[@]}"
fi

if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  step "npm packages for the browser tests (no browser download)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

step "cargo fetch"
cargo fetch --quiet
echo "setup: done"
