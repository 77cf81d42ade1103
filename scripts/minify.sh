#!/usr/bin/env bash
# Trunk post-build hook: in a release build, shortens the names under which
# widget_bg.wasm imports widget.js's functions (scripts/shorten-imports.mjs),
# then minifies the JavaScript the widget ships (wasm-bindgen's widget.js
# and the publishers' loader) with esbuild, which scripts/setup.sh installs.
# esbuild changes only whitespace, comments and local names: exports,
# imports and property names stay as they are. (The stylesheet is minified
# by scripts/bundle-css.sh, which writes it.)
set -euo pipefail
source "$(dirname "$0")/env.sh"
[[ "${TRUNK_PROFILE:-}" == release ]] || exit 0
cd "$TRUNK_STAGING_DIR"
node "$PROJECT_ROOT/scripts/shorten-imports.mjs" .
for file in widget.js article-widget.js article-widget-frame.js embed-page.js; do
  esbuild "$file" --minify --log-level=warning --outfile="$file" --allow-overwrite
done
