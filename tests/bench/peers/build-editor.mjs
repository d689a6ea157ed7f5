// Bundles the peer editor page (editor.mjs) into one classic script for app-bench:
// node build-editor.mjs <out-dir> writes <out-dir>/peer-editor.js.
import { build } from "esbuild";
import { join } from "node:path";

await build({
  entryPoints: ["editor.mjs"],
  bundle: true,
  format: "iife",
  minify: true,
  target: "safari15",
  outfile: join(process.argv[2], "peer-editor.js"),
  logLevel: "warning",
});
