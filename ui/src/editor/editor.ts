//! The CodeMirror 6 editor: Markdown with highlighted fenced code, wrapping, search, one undo
//! history per post, the shortcuts writers expect. IME composition is CodeMirror's own: we
//! never rewrite the document behind its back.

import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { languages } from "@codemirror/language-data";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { type ChangeSet, EditorState, type Extension } from "@codemirror/state";
import { EditorView, drawSelection, dropCursor, highlightActiveLine, keymap, placeholder } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { insertLink, toggleWrap } from "./format";
import { type EditorOptions, Options } from "./options";

const markdownStyle = HighlightStyle.define([
  { tag: tags.heading1, fontSize: "1.35em", fontWeight: "700" },
  { tag: tags.heading2, fontSize: "1.2em", fontWeight: "700" },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: "700" },
  { tag: tags.strong, fontWeight: "700" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.strikethrough, textDecoration: "line-through" },
  { tag: [tags.link, tags.url], color: "var(--accent)" },
  { tag: tags.monospace, fontFamily: "var(--mono)", color: "var(--code-fg)" },
  { tag: [tags.processingInstruction, tags.meta], color: "var(--muted)" },
  { tag: tags.quote, color: "var(--muted)", fontStyle: "italic" },
  { tag: tags.keyword, color: "var(--hl-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--hl-string)" },
  { tag: tags.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--hl-number)" },
  { tag: [tags.typeName, tags.className], color: "var(--hl-type)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--hl-function)" },
]);

export interface EditorCallbacks {
  /** The text changed (`changes` maps the previous text to the new one). */
  onChange: (changes: ChangeSet) => void;
  onSave: () => void;
  onScroll: () => void;
  /** A key went down in the editor (its event time), for latency measurement. */
  onKey?: (time: number) => void;
  /** Image files were pasted: true when they are taken care of (the text is not pasted). */
  onPasteImages?: (files: File[]) => boolean;
  /** *Insert image…* (Mod-Shift-i). */
  onInsertImage?: () => void;
  /** The cursor moved to `line` (1-based, of the shown text). */
  onCaret?: (line: number) => void;
}

/** The image files of a paste (a screenshot, an image copied in another app). */
export function pastedImages(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === "file" && item.type.startsWith("image/")) {
      const f = item.getAsFile();
      if (f) files.push(f);
    }
  }
  return files;
}

export class Editor {
  readonly view: EditorView;
  /** Counts the times the shown text was replaced wholesale (not by an edit). */
  generation = 0;
  /** Each post keeps its own state, and so its own undo history. */
  private readonly states = new Map<string, EditorState>();
  private path: string | null = null;
  private readonly extensions: Extension[];
  private readonly options: Options;
  /** The options version each kept state was last brought up to. */
  private readonly optionsOf = new WeakMap<EditorState, number>();

  constructor(parent: HTMLElement, callbacks: EditorCallbacks, placeholderText: string, label = "Post text") {
    this.options = new Options(() => callbacks.onSave());
    this.extensions = [
      history(),
      drawSelection(),
      dropCursor(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      search({ top: true }),
      EditorView.lineWrapping,
      placeholder(placeholderText),
      // Named for screen readers, and a stop for the keyboard (the scroller holds nothing else).
      EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
      markdown({ base: markdownLanguage, codeLanguages: languages }),
      syntaxHighlighting(markdownStyle),
      keymap.of([
        { key: "Mod-s", preventDefault: true, run: () => (callbacks.onSave(), true) },
        { key: "Mod-b", run: (v) => (v.dispatch(toggleWrap(v.state, "**")), true) },
        { key: "Mod-i", run: (v) => (v.dispatch(toggleWrap(v.state, "*")), true) },
        { key: "Mod-k", run: (v) => (v.dispatch(insertLink(v.state)), true) },
        { key: "Mod-Shift-i", preventDefault: true, run: () => (callbacks.onInsertImage?.(), true) },
        ...closeBracketsKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...defaultKeymap,
        indentWithTab,
      ]),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) callbacks.onChange(u.changes);
        if (u.selectionSet || u.docChanged) callbacks.onCaret?.(u.state.doc.lineAt(u.state.selection.main.head).number);
      }),
      EditorView.domEventHandlers({
        scroll: () => callbacks.onScroll(),
        keydown: (e) => {
          callbacks.onKey?.(e.timeStamp);
          return false;
        },
        paste: (e) => {
          const files = pastedImages(e.clipboardData);
          if (files.length && callbacks.onPasteImages?.(files)) {
            e.preventDefault();
            return true;
          }
          return false;
        },
      }),
    ];
    this.view = new EditorView({ parent, state: EditorState.create({ doc: "", extensions: [...this.options.extensions(), ...this.extensions] }) });
  }

  /** Shows a post: its kept state when it was open before, else `body` with a fresh history. */
  show(path: string, body: string): void {
    if (this.path) {
      this.states.set(this.path, this.view.state);
      this.optionsOf.set(this.view.state, this.options.version);
    }
    this.path = path;
    const kept = this.states.get(path);
    this.view.setState(kept ?? this.stateFor(body));
    if (kept && this.optionsOf.get(kept) !== this.options.version) this.view.dispatch({ effects: this.options.effects() });
    this.generation += 1;
    this.view.scrollDOM.scrollTop = 0;
  }

  /** Replaces the content of a post (reloaded, restored), dropping its history. */
  reset(path: string, body: string): void {
    const state = this.stateFor(body);
    if (this.path !== path) {
      this.states.set(path, state);
      return;
    }
    // Reloaded under the user's eyes: keep the cursor and the scroll where they were.
    const head = Math.min(this.view.state.selection.main.head, state.doc.length);
    const top = this.view.scrollDOM.scrollTop;
    this.view.setState(state);
    this.generation += 1;
    this.view.dispatch({ selection: { anchor: head } });
    this.view.scrollDOM.scrollTop = top;
  }

  /** A fresh state; a CRLF file keeps CRLF (CodeMirror would otherwise join lines with LF). */
  private stateFor(body: string): EditorState {
    const eol = body.includes("\r\n") ? [EditorState.lineSeparator.of("\r\n")] : [];
    return EditorState.create({ doc: body, extensions: [...this.options.extensions(), ...this.extensions, ...eol] });
  }

  /** Line numbers, Vim keys and spell checking: in the shown post at once, the others when shown. */
  configure(next: EditorOptions): void {
    const now = this.options.current;
    if (now.lineNumbers === next.lineNumbers && now.vim === next.vim && now.spellcheck === next.spellcheck) return;
    this.options.set(next);
    this.view.dispatch({ effects: this.options.effects() });
    if (next.vim) {
      this.options.loadVim().then(
        () => {
          if (this.options.current.vim) this.view.dispatch({ effects: this.options.effects() });
        },
        (e: unknown) => console.error("Vim key bindings could not be loaded:", e),
      );
    }
  }

  /** The options in effect. */
  get configured(): EditorOptions {
    return { ...this.options.current };
  }

  forget(path: string): void {
    this.states.delete(path);
  }

  /** The body of `path`: the shown one, or one kept from earlier; null when never shown. */
  textOf(path: string): string | null {
    if (path === this.path) return this.text();
    return this.states.get(path)?.sliceDoc() ?? null;
  }

  /**
   * The length of `path`'s text in UTF-16 units without building the string (null when never
   * shown), for a cheap "is it changed" test on every keystroke.
   */
  lengthOf(path: string): number | null {
    const state = path === this.path ? this.view.state : this.states.get(path);
    if (!state) return null;
    return state.doc.length + (state.lineBreak.length - 1) * (state.doc.lines - 1);
  }

  /** Whether the shown text joins lines with LF (so change positions are text offsets). */
  lfOnly(): boolean {
    return this.view.state.lineBreak === "\n";
  }

  /** The text with the post's own line breaks (`doc.toString()` would always use LF). */
  text(): string {
    return this.view.state.sliceDoc();
  }

  /** The 1-based editor line at the top of the visible area (fractional for smooth sync). */
  topLine(): number {
    return topLine(this.view);
  }

  /** Scrolls so that (fractional) editor `line` is at the top. */
  scrollToLine(line: number): void {
    scrollToLine(this.view, line);
  }

  /** Scrolls so that `line` starts at the top, placed once its height is measured. */
  scrollLineToTop(line: number): void {
    scrollLineToTop(this.view, line);
  }

  /** Puts the caret at `caret` and `top` (1-based) at the top of the view, without focus. */
  restore(caret: number, top: number): void {
    const anchor = Math.min(Math.max(caret, 0), this.view.state.doc.length);
    this.view.dispatch({ selection: { anchor } });
    this.scrollLineToTop(top);
  }

  /** The caret's position in the shown text. */
  caret(): number {
    return this.view.state.selection.main.head;
  }

  /** Inserts `text` at `at` (default: the caret), the caret after it. */
  insertAt(text: string, at?: number): void {
    const pos = Math.min(at ?? this.view.state.selection.main.head, this.view.state.doc.length);
    this.view.dispatch({ changes: { from: pos, insert: text }, selection: { anchor: pos + text.length }, scrollIntoView: true });
    this.view.focus();
  }

  /** The document position under window point (`x`, `y`), or the caret's. */
  posAt(x: number, y: number): number {
    return this.view.posAtCoords({ x, y }) ?? this.view.state.selection.main.head;
  }

  /** Puts the caret at the start of `line` (1-based), in view, and focuses the editor. */
  goToLine(line: number): void {
    const doc = this.view.state.doc;
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines)).from;
    this.view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "start", yMargin: 40 }) });
    this.view.focus();
  }

  /**
   * Puts the caret at the end of the first prose line (CJK text outside code) at or after
   * `fraction` of the document, scrolled into view; returns its text (for benchmarks).
   */
  caretInProse(fraction: number): string {
    const doc = this.view.state.doc;
    const start = Math.max(1, Math.floor(doc.lines * fraction));
    let inCode = false;
    for (let n = 1; n <= doc.lines; n++) {
      const text = doc.line(n).text;
      if (/^\s{0,3}(```|~~~)/.test(text)) inCode = !inCode;
      else if (n >= start && !inCode && text.length > 20 && /[\u4e00-\u9fff]/.test(text) && !/^[\s#$|>*!<[-]/.test(text)) {
        const at = doc.line(n).to;
        this.view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
        this.view.focus();
        return text;
      }
    }
    return "";
  }

  focus(): void {
    this.view.focus();
  }

  /** Bold, italic or a link around the selection (what Mod-b, Mod-i and Mod-k do). */
  format(kind: "bold" | "italic" | "link"): void {
    const v = this.view;
    v.dispatch(kind === "link" ? insertLink(v.state) : toggleWrap(v.state, kind === "bold" ? "**" : "*"));
    v.focus();
  }
}

/** The 1-based line at the top of `view`'s visible area (fractional for smooth sync). */
export function topLine(view: EditorView): number {
  const top = view.scrollDOM.scrollTop;
  const block = view.lineBlockAtHeight(top);
  const line = view.state.doc.lineAt(block.from).number;
  const frac = block.height > 0 ? (top - block.top) / block.height : 0;
  return line + Math.min(Math.max(frac, 0), 1);
}

/** Scrolls `view` so that (fractional) `line` is at the top. */
export function scrollToLine(view: EditorView, line: number): void {
  const n = Math.min(Math.max(Math.floor(line), 1), view.state.doc.lines);
  const block = view.lineBlockAt(view.state.doc.line(n).from);
  view.scrollDOM.scrollTop = block.top + (line - n) * block.height;
}

/**
 * Scrolls `view` so that `line` (1-based; a fraction is dropped) starts at the top, placed by
 * CodeMirror once it has measured the lines around it (a line far away has only an estimated
 * height until then, and a scroll computed from it lands beside the place).
 */
export function scrollLineToTop(view: EditorView, line: number): void {
  const n = Math.min(Math.max(Math.floor(line), 1), view.state.doc.lines);
  view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(n).from, { y: "start", yMargin: 0 }) });
}

/**
 * A read-only Markdown view with the editor's highlighting (a translation's original): it can
 * be selected and copied from, never changed.
 */
export function viewer(parent: HTMLElement, label: string, onScroll: () => void): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: "",
      extensions: [
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        // Reachable by keyboard to scroll, select and copy; named for screen readers.
        EditorView.contentAttributes.of({ tabindex: "0", "aria-readonly": "true", "aria-label": label }),
        EditorView.lineWrapping,
        drawSelection(),
        markdown({ base: markdownLanguage, codeLanguages: languages }),
        syntaxHighlighting(markdownStyle),
        EditorView.domEventHandlers({ scroll: () => onScroll() }),
      ],
    }),
  });
}
