// Starts the WebAssembly module; its `main` mounts the widget into #widget.
// A file, not an inline script, so the page runs under a strict CSP.
import init from "./widget.js";

init().catch((error) => console.error("article widget failed to start:", error));
