//! The editor's switchable parts (line numbers, Vim key bindings, spell checking), each in its
//! own compartment so a setting takes effect at once, in every open post.

import { syntaxTree } from "@codemirror/language";
import { Compartment, type Extension, RangeSetBuilder, type StateEffect } from "@codemirror/state";
import { Decoration, type DecorationSet, type EditorView, EditorView as View, ViewPlugin, type ViewUpdate, lineNumbers } from "@codemirror/view";

export interface EditorOptions {
  lineNumbers: boolean;
  vim: boolean;
  spellcheck: boolean;
}

export const NO_OPTIONS: EditorOptions = { lineNumbers: false, vim: false, spellcheck: false };

/** Syntax nodes whose text is not prose: code, addresses, markup. */
const NOT_PROSE = new Set([
  "InlineCode",
  "FencedCode",
  "CodeBlock",
  "URL",
  "Autolink",
  "HTMLBlock",
  "HTMLTag",
  "LinkReference",
  "CommentBlock",
  "Comment",
  "ProcessingInstructionBlock",
]);

/** Hugo shortcodes, Liquid and Hexo tags, bare addresses, and runs of CJK text. */
const NOT_PROSE_TEXT =
  /\{\{[<%][\s\S]*?[>%]\}\}|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}|https?:\/\/\S+|www\.\S+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]+/gu;

const skip = Decoration.mark({ attributes: { spellcheck: "false" } });

/**
 * The ranges the spell checker must leave alone in the visible part of `view`, marked with
 * `spellcheck="false"` (the checker only looks at what is on screen).
 */
export function notProse(view: EditorView): DecorationSet {
  const ranges: [number, number][] = [];
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(view.state).iterate({
      from,
      to,
      enter: (node) => {
        if (NOT_PROSE.has(node.name)) {
          ranges.push([node.from, node.to]);
          return false;
        }
        return undefined;
      },
    });
    const text = view.state.sliceDoc(from, to);
    for (const m of text.matchAll(NOT_PROSE_TEXT)) {
      ranges.push([from + (m.index ?? 0), from + (m.index ?? 0) + m[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const builder = new RangeSetBuilder<Decoration>();
  let end = -1;
  for (const [a, b] of ranges) {
    const start = Math.max(a, end);
    if (b > start) {
      builder.add(start, b, skip);
      end = b;
    }
  }
  return builder.finish();
}

const skipNotProse = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = notProse(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged || syntaxTree(u.startState) !== syntaxTree(u.state)) this.decorations = notProse(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);

function spelling(on: boolean): Extension {
  return on
    ? [View.contentAttributes.of({ spellcheck: "true" }), skipNotProse]
    : View.contentAttributes.of({ spellcheck: "false" });
}


/** One compartment per option; `extensions()` goes first in the editor's list (Vim's keys win).
 * Vim's keys are loaded when first wanted (`loadVim`); until then the option has no keys. */
export class Options {
  private readonly numbers = new Compartment();
  private readonly keys = new Compartment();
  private readonly spell = new Compartment();
  // The same extension values every time, so a reconfiguration keeps what did not change.
  private vimKeys: Extension | null = null;
  private vimLoading: Promise<void> | null = null;
  private readonly gutter = lineNumbers();
  private readonly spellOn = spelling(true);
  private readonly spellOff = spelling(false);
  current: EditorOptions = { ...NO_OPTIONS };
  /** Counts the changes of `current` (and Vim's keys arriving), so a kept state knows it is
   * behind. */
  version = 0;

  /** `onSave` runs for Vim's `:w`. */
  constructor(private readonly onSave: () => void) {}

  set(next: EditorOptions): void {
    this.current = { ...next };
    this.version += 1;
  }

  private parts(): [Compartment, Extension][] {
    return [
      [this.keys, this.current.vim && this.vimKeys ? this.vimKeys : []],
      [this.numbers, this.current.lineNumbers ? this.gutter : []],
      [this.spell, this.current.spellcheck ? this.spellOn : this.spellOff],
    ];
  }

  /** Loads Vim's keys once; resolves when `extensions()` and `effects()` include them. */
  loadVim(): Promise<void> {
    this.vimLoading ??= import("./vim").then(
      ({ vimKeys }) => {
        this.vimKeys = vimKeys(this.onSave);
        this.version += 1;
      },
      (e: unknown) => {
        // Turning the setting on again tries again.
        this.vimLoading = null;
        throw e;
      },
    );
    return this.vimLoading;
  }

  /** What to put in a new state, with the current options. */
  extensions(): Extension[] {
    return this.parts().map(([c, e]) => c.of(e));
  }

  /** The effects that bring a state made with other options up to the current ones. */
  effects(): StateEffect<unknown>[] {
    return this.parts().map(([c, e]) => c.reconfigure(e));
  }
}
