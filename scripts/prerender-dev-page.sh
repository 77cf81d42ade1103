#!/usr/bin/env bash
# Trunk post-build hook: writes prerendered.html, the development page with
# the seed article prerendered by article-render (as readers get it at first
# paint), when an article-render binary has been built (scripts/demo.sh
# builds one; otherwise the page is skipped with a note).
set -euo pipefail
cd "$TRUNK_SOURCE_DIR"
render=""
for candidate in target/server/article-render target/debug/article-render; do
  if [[ -x "$candidate" && ( -z "$render" || "$candidate" -nt "$render" ) ]]; then render="$candidate"; fi
done
if [[ -z "$render" ]]; then
  echo "prerender-dev-page: no article-render built (cargo build -p article-render); prerendered.html skipped" >&2
  exit 0
fi
# The address `trunk serve` listens on (Trunk.toml), so the article's relative URLs resolve there.
origin="${PRERENDER_ORIGIN:-http://127.0.0.1:8080}"
markup="$("$render" --src "$origin/articles/iraq.json" public/articles/iraq.json)"
cat >"$TRUNK_STAGING_DIR/prerendered.html" <<HTML
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Article widget: prerendered seed article</title>
    <link rel="stylesheet" href="dev-page.css" />
    <link rel="stylesheet" href="article-widget.css" />
    <link rel="icon" href="favicon.svg" type="image/svg+xml" />
    <script type="module" src="article-widget.js"></script>
  </head>
  <body>
    <main class="dev-page">
      <h1 class="dev-page__title">Article widget</h1>
      <p class="dev-page__hint">The seed article prerendered by <code>article-render</code>; the widget takes it over when its WebAssembly arrives.</p>
      $markup
    </main>
  </body>
</html>
HTML
