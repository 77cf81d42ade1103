// The bundle size report and budget check (run by scripts/size.sh after
// `trunk build --release`).
//
// Prints raw, gzip (level 9) and brotli (quality 11) bytes of every file the
// widget ships, their total, then the other files in dist/ for reference (not
// in the total). Exits with status 1 when the shipped files' gzip total is
// over the budget in perf/budget.json, or when the wasm or its JS is missing.
//
//   node scripts/size.mjs [--json FILE]   # --json also writes the figures as JSON

import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");
const budget = JSON.parse(readFileSync(join(root, "perf/budget.json"), "utf8"));

/** raw, gzip and brotli sizes of one file in dist/. */
function measure(name) {
  const bytes = readFileSync(join(dist, name));
  return {
    file: name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

const exists = (name) => {
  try {
    return statSync(join(dist, name)).isFile();
  } catch {
    return false;
  }
};
const missing = budget.required.filter((name) => !exists(name));
if (missing.length) {
  console.error(`size: missing from dist/: ${missing.join(", ")} (run trunk build --release first)`);
  process.exit(1);
}
// Until the build joins the stylesheets into one file, the widget ships each
// of its stylesheets (all but the development pages' own).
const pageOnly = new Set(budget.page_only);
const shippedNames = budget.shipped.flatMap((name) =>
  exists(name)
    ? [name]
    : name.endsWith(".css")
      ? readdirSync(dist).filter((f) => f.endsWith(".css") && !pageOnly.has(f)).sort()
      : [],
);
const shipped = shippedNames.map(measure);
const total = shipped.reduce(
  (sum, f) => ({ file: "total", raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);
const others = readdirSync(dist)
  .filter((name) => /\.(wasm|js|css)$/.test(name) && !shippedNames.includes(name))
  .sort()
  .map(measure);

const kb = (n) => (n / 1024).toFixed(1);
const row = (f) =>
  `${f.file.padEnd(26)}${String(f.raw).padStart(10)}${String(f.gzip).padStart(10)}${String(f.brotli).padStart(10)}` +
  `   ${kb(f.raw).padStart(6)} / ${kb(f.gzip).padStart(5)} / ${kb(f.brotli).padStart(5)} KiB`;
const header = `${"file".padEnd(26)}${"raw".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}`;

console.log("Shipped by the widget (bytes)");
console.log(header);
shipped.forEach((f) => console.log(row(f)));
console.log(row(total));
if (others.length) {
  console.log("\nOther files in dist/ (development page; not in the total)");
  others.forEach((f) => console.log(row(f)));
}

const limit = budget.total_gzip_bytes;
const headroom = limit - total.gzip;
console.log(
  `\nBudget: ${total.gzip} of ${limit} gzip bytes (${((100 * total.gzip) / limit).toFixed(1)}%), ` +
    (headroom >= 0 ? `${headroom} bytes to spare` : `${-headroom} bytes OVER`),
);

const jsonAt = process.argv.indexOf("--json");
if (jsonAt > 0) {
  writeFileSync(process.argv[jsonAt + 1], JSON.stringify({ shipped, total, others, budget: limit }, null, 2) + "\n");
}
if (headroom < 0) {
  console.error(`size: the widget is over its budget (perf/budget.json); win bytes back or raise the budget with a reason`);
  process.exit(1);
}
