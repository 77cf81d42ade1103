// Shortens the names under which widget_bg.wasm imports its JavaScript
// functions from widget.js: wasm-bindgen names each one after the Rust
// binding and a hash (`__wbg_createElement_de4a31ed2fb252be`), and both files
// carry all of them. Hashes do not compress: one- and two-letter names
// instead save about 7 KB gzip. Part of a release build (scripts/minify.sh), run
// before widget.js is minified.
//
// Usage: node scripts/shorten-imports.mjs DIR (holding widget_bg.wasm and
// widget.js). Fails, changing nothing, when a name is not exactly once a key
// of widget.js's import object: a new wasm-bindgen that writes the glue
// differently stops the build rather than the widget.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const IMPORT_SECTION = 2;
const dir = process.argv[2];
const wasmPath = join(dir, "widget_bg.wasm");
const jsPath = join(dir, "widget.js");
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, "utf8");

function readUleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function uleb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

const text = new TextDecoder();
const encodedString = (s) => {
  const bytes = Buffer.from(s, "utf8");
  return Buffer.concat([uleb(bytes.length), bytes]);
};

/** `a`, `b`, …, `Z`, `aa`, `ab`, …: the n-th short name. */
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  for (n += 1; n > 0; n = Math.floor((n - 1) / letters.length)) {
    name = letters[(n - 1) % letters.length] + name;
  }
  return name;
}

/** Skips one import's description (what is imported), returning where it ends. */
function skipImportDescription(bytes, at) {
  const kind = bytes[at++];
  if (kind === 0) return readUleb(bytes, at)[1]; // function: type index
  if (kind === 1) {
    // table: reference type, limits
    const flags = bytes[at + 1];
    at = readUleb(bytes, at + 2)[1];
    return flags & 1 ? readUleb(bytes, at)[1] : at;
  }
  if (kind === 2) {
    // memory: limits
    const flags = bytes[at];
    at = readUleb(bytes, at + 1)[1];
    return flags & 1 ? readUleb(bytes, at)[1] : at;
  }
  if (kind === 3) return at + 2; // global: value type, mutability
  throw new Error(`import kind ${kind} is not handled`);
}

const parts = [wasm.subarray(0, 8)];
let renamed = 0;
for (let at = 8; at < wasm.length; ) {
  const id = wasm[at];
  const [size, bodyStart] = readUleb(wasm, at + 1);
  const end = bodyStart + size;
  if (id !== IMPORT_SECTION) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, p] = readUleb(wasm, bodyStart);
  const body = [uleb(count)];
  for (let i = 0; i < count; i++) {
    let length;
    [length, p] = readUleb(wasm, p);
    const module = text.decode(wasm.subarray(p, p + length));
    p += length;
    [length, p] = readUleb(wasm, p);
    let field = text.decode(wasm.subarray(p, p + length));
    p += length;
    const descriptionStart = p;
    p = skipImportDescription(wasm, p);
    if (module === "./widget_bg.js") {
      const short = shortName(renamed++);
      // The import object's key, as wasm-bindgen writes it: `name: function(`.
      const escaped = field.replace(/[$]/g, "\\$&");
      const key = new RegExp(`(?<![\\w$])${escaped}(?=: function\\()`, "g");
      const found = js.match(key)?.length ?? 0;
      if (found !== 1) {
        console.error(`shorten-imports: ${field} is a key of widget.js ${found} times, not once`);
        process.exit(1);
      }
      js = js.replace(key, short);
      field = short;
    }
    body.push(encodedString(module), encodedString(field), wasm.subarray(descriptionStart, p));
  }
  const section = Buffer.concat(body);
  parts.push(Buffer.from([IMPORT_SECTION]), uleb(section.length), section);
  at = end;
}

writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(jsPath, js);
console.log(`shorten-imports: ${renamed} import names shortened`);
