#!/usr/bin/env bash
# The release bundle's size report and budget check: raw, gzip and brotli bytes
# of each file the widget ships and their total; fails when the gzip total is
# over perf/budget.json. Run after `trunk build --release`. See scripts/size.mjs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec node "$PROJECT_ROOT/scripts/size.mjs" "$@"
