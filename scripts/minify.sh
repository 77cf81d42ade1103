#!/usr/bin/env bash
# Trunk post-build hook: in a release build, minifies the JavaScript the
# widget ships (wasm-bindgen's widget.js and the publishers' loader) with
# esbuild, which scripts/setup.sh installs. Only whitespace, comments and
# local names change: exports, imports and property names stay as they are.
# (The stylesheet is minified by scripts/bundle-css.sh, which writes it.)
set -euo pipefail
source "$(dirname "$0")/env.sh"
[[ "${TRUNK_PROFILE:-}" == release ]] || exit 0
cd "$TRUNK_STAGING_DIR"
for file in widget.js article-widget.js article-widget-frame.js embed-page.js; do
  esbuild "$file" --minify --log-level=warning --outfile="$file" --allow-overwrite
done
