// Runs the benchmark documents (written by `bench-docs` to target/bench/) through the
// pipelines of the Electron editors — markdown-it, marked, markdown-it + highlight.js, and
// the latter with a (language, code) highlight cache as the best of them would keep — and
// writes the medians in milliseconds to target/bench/peers.json.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import MarkdownIt from "markdown-it";
import { marked } from "marked";
import hljs from "highlight.js";

const dir = process.argv[2];
const read = (name) => readFileSync(join(dir, name), "utf8");

function median(fn, budgetMs, runs = 10) {
  for (let i = 0; i < 3; i++) fn(i); // warm-up, JIT
  const times = [];
  const end = performance.now() + budgetMs;
  let i = 3; // after the warm-up's inputs
  while (performance.now() < end || times.length < runs) {
    const t = performance.now();
    fn(i++);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const plain = new MarkdownIt({ html: true, linkify: false });
const highlight = (code, lang) => {
  if (lang && hljs.getLanguage(lang)) return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  return "";
};
const withHljs = new MarkdownIt({ html: true, highlight });
const cache = new Map();
const cached = new MarkdownIt({
  html: true,
  highlight: (code, lang) => {
    const key = `${lang}\u0000${code}`;
    let v = cache.get(key);
    if (v === undefined) {
      v = highlight(code, lang);
      cache.set(key, v);
    }
    return v;
  },
});

/** `text` with `n` typed at the end of the first line of the middle code block's body. */
function codeEdit(text, n) {
  const lines = text.split("\n");
  const inCode = [];
  let open = false;
  lines.forEach((l, i) => {
    if (l.startsWith("```")) open = !open;
    else if (open && l.trim()) inCode.push(i);
  });
  const at = inCode[Math.floor(inCode.length / 2)];
  lines[at] += String(n);
  return lines.join("\n");
}

const out = {};
for (const [key, name] of [["20k", "post-20k"], ["1m", "post-1m"]]) {
  const doc = read(`${name}.md`);
  const prose = read(`${name}.prose-edit.md`);
  const budget = key === "20k" ? 2000 : 6000;
  out[`${key}/markdown-it`] = median(() => plain.render(doc), budget);
  out[`${key}/marked`] = median(() => marked.parse(doc), budget);
  out[`${key}/markdown-it+hljs`] = median(() => withHljs.render(doc), budget);
  cached.render(doc);
  out[`${key}/markdown-it+hljs cached, prose edit`] = median((i) => cached.render(i % 2 ? prose : doc), budget);
  // Each edit is new code (a cache miss for that block); the texts are made beforehand.
  const edits = Array.from({ length: key === "20k" ? 300 : 40 }, (_, i) => codeEdit(doc, i));
  out[`${key}/markdown-it+hljs cached, code edit`] = median((i) => cached.render(edits[i % edits.length]), 0, edits.length - 3);
}
writeFileSync(join(dir, "peers.json"), JSON.stringify(out, null, 2));
for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(48)} ${v.toFixed(3)} ms`);
