// The JavaScript peer of Inkstone's window, measured by `make bench` (app-bench) in the same
// WebKitGTK window and by the same harness: what the JavaScript editors do. CodeMirror 6 with
// the Markdown setup Inkstone's editor has, and the preview in the same document, rendered by
// markdown-it + highlight.js with a block cache (each top-level block's HTML kept by its
// source, so a keystroke renders only the block it is in) and patched block by block (the
// blocks that differ between the old and the new list are replaced, the rest kept).
//
// `build-editor.mjs` bundles it into target/bench/peer-editor.js; app-bench runs that file in
// the app's window, which it then covers, and calls `window.__peer.start(text)`.
import { EditorView, keymap, drawSelection, highlightActiveLine } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { history, historyKeymap, defaultKeymap } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { languages } from "@codemirror/language-data";
import MarkdownIt from "markdown-it";
import hljs from "highlight.js";

const md = new MarkdownIt({
  html: true,
  highlight: (code, lang) =>
    lang && hljs.getLanguage(lang) ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : "",
});

/** The body's top-level blocks: split at blank lines outside fenced code. */
export function blocks(text) {
  const lines = text.split("\n");
  const out = [];
  let block = [];
  let fence = null;
  for (const line of lines) {
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      block.push(line);
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
    } else if (open) {
      block.push(line);
      fence = open[1];
    } else if (line.trim() === "") {
      if (block.length) out.push(block.join("\n"));
      block = [];
    } else {
      block.push(line);
    }
  }
  if (block.length) out.push(block.join("\n"));
  return out;
}

/** The body: the text without its front matter. */
function body(text) {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

const STYLE = `
#peer { position: fixed; inset: 0; display: grid; grid-template-columns: 1fr 1fr; background: #fff; z-index: 2147483647; font: 15px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; }
#peer .cm-editor { height: 100vh; border-right: 1px solid #ddd; }
#peer .cm-scroller { font: 14px/1.6 ui-monospace, "Noto Sans Mono CJK SC", monospace; }
#peer-preview { overflow: auto; padding: 0 2rem; color: #222; }
#peer-preview pre { background: #f6f8fa; padding: .8rem; overflow: auto; }
#peer-preview .hljs-keyword, #peer-preview .hljs-built_in { color: #cf222e; }
#peer-preview .hljs-string { color: #0a3069; }
#peer-preview .hljs-comment { color: #6e7781; }
#peer-preview .hljs-number, #peer-preview .hljs-literal { color: #0550ae; }
#peer-preview .hljs-title, #peer-preview .hljs-function { color: #8250df; }
#peer-preview table { border-collapse: collapse; }
#peer-preview td, #peer-preview th { border: 1px solid #ccc; padding: .2rem .5rem; }
`;

class Peer {
  /** Keystroke → preview painted (ms). */
  samples = [];
  /** Keystroke → editor painted (ms). */
  echoes = [];
  cache = new Map();
  shown = [];
  pending = [];
  lastKey = -Infinity;
  scheduled = false;

  /** Covers the page (once) and shows `text`, a post with its front matter, in a new editor. */
  start(text) {
    if (this.root) {
      this.view.destroy();
      this.root.remove();
      this.shown = [];
    } else {
      for (const el of document.body.children) el.style.display = "none";
      const style = document.createElement("style");
      style.textContent = STYLE;
      document.head.append(style);
    }
    const root = document.createElement("div");
    this.root = root;
    root.id = "peer";
    const left = document.createElement("div");
    this.preview = document.createElement("div");
    this.preview.id = "peer-preview";
    root.append(left, this.preview);
    document.body.append(root);
    this.view = new EditorView({
      parent: left,
      state: EditorState.create({
        doc: text,
        extensions: [
          history(),
          drawSelection(),
          highlightActiveLine(),
          EditorView.lineWrapping,
          markdown({ base: markdownLanguage, codeLanguages: languages }),
          syntaxHighlighting(defaultHighlightStyle),
          keymap.of([...historyKeymap, ...defaultKeymap]),
          EditorView.domEventHandlers({
            keydown: (e) => {
              this.lastKey = e.timeStamp;
              return false;
            },
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) this.changed();
          }),
        ],
      }),
    });
    this.render();
  }

  changed() {
    const now = performance.now();
    const byKey = now - this.lastKey < 200;
    const key = byKey ? this.lastKey : now;
    this.lastKey = -Infinity;
    this.pending.push(key);
    if (byKey) requestAnimationFrame(() => setTimeout(() => this.echoes.push(performance.now() - key), 0));
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      const keys = this.pending;
      this.pending = [];
      this.render();
      requestAnimationFrame(() =>
        setTimeout(() => {
          const t = performance.now();
          for (const k of keys) this.samples.push(t - k);
        }, 0),
      );
    }, 0);
  }

  /** Renders the changed blocks and replaces only the elements that differ. */
  render() {
    const next = blocks(body(this.view.state.doc.toString()));
    const old = this.shown;
    let start = 0;
    while (start < old.length && start < next.length && old[start] === next[start]) start++;
    let endOld = old.length;
    let endNew = next.length;
    while (endOld > start && endNew > start && old[endOld - 1] === next[endNew - 1]) {
      endOld--;
      endNew--;
    }
    const children = this.preview.children;
    const after = children[endOld] ?? null;
    for (let i = endOld - 1; i >= start; i--) children[i].remove();
    const fresh = [];
    for (let i = start; i < endNew; i++) {
      let html = this.cache.get(next[i]);
      if (html === undefined) {
        html = md.render(next[i]);
        this.cache.set(next[i], html);
      }
      const el = document.createElement("section");
      el.innerHTML = html;
      fresh.push(el);
    }
    for (const el of fresh) this.preview.insertBefore(el, after);
    this.shown = next;
  }

  /** Puts the caret at the end of a Chinese prose line near `fraction` of the text. */
  caretInProse(fraction) {
    const doc = this.view.state.doc;
    const start = Math.max(1, Math.floor(doc.lines * fraction));
    let inCode = false;
    for (let n = 1; n <= doc.lines; n++) {
      const text = doc.line(n).text;
      if (/^\s{0,3}(```|~~~)/.test(text)) inCode = !inCode;
      else if (n >= start && !inCode && text.length > 20 && /[\u4e00-\u9fff]/.test(text) && !/^[\s#$|>*!<[-]/.test(text)) {
        this.view.dispatch({ selection: { anchor: doc.line(n).to }, scrollIntoView: true });
        this.view.focus();
        return text;
      }
    }
    return "";
  }

  /** The text of the line holding the caret. */
  caretLine() {
    const s = this.view.state;
    return s.doc.lineAt(s.selection.main.head).text;
  }
}

// Once per window: app-bench runs it on one post, then starts it again on the other.
window.__peer ??= new Peer();
