#!/usr/bin/env bash
# Sets up, then serves the demo: the seed article at http://127.0.0.1:8080/
# with a live poll (poll-server on 127.0.0.1:8787, proxied under /api/).
set -euo pipefail
"$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
exec trunk serve --release
