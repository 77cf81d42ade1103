#!/usr/bin/env bash
# Trunk post-build hook: joins the widget's stylesheets into the one file
# article-widget.css that the loader links, in the page or in each shadow root.
# widget.css (base and theme) comes first, then each capability's file.
# A release build minifies it with esbuild (installed by scripts/setup.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TRUNK_SOURCE_DIR"
out="$TRUNK_STAGING_DIR/article-widget.css"
{
  cat style/widget.css
  for file in style/*.css; do
    case "$file" in
      style/widget.css | style/dev-page.css | style/embed-page.css) ;;
      *) cat "$file" ;;
    esac
  done
} >"$out"
if [[ "${TRUNK_PROFILE:-}" == release ]]; then
  esbuild "$out" --minify --log-level=warning --outfile="$out" --allow-overwrite
fi
