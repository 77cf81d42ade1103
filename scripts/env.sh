# Sourced by the other scripts: puts the project's tools on PATH.
# shellcheck shell=bash
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PROJECT_ROOT
export PATH="$PROJECT_ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk and cargo must never reach for the network at build time.
export TRUNK_OFFLINE=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
