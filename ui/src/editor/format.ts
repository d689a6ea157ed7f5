//! Markdown formatting commands (bold, italic, link) as pure state transformations.

import { EditorSelection, type EditorState, type TransactionSpec } from "@codemirror/state";

/** Wraps each selection in `marker` (or unwraps it when already wrapped). */
export function toggleWrap(state: EditorState, marker: string): TransactionSpec {
  const len = marker.length;
  return state.changeByRange((range) => {
    const before = state.sliceDoc(range.from - len, range.from);
    const after = state.sliceDoc(range.to, range.to + len);
    if (before === marker && after === marker) {
      return {
        changes: [
          { from: range.from - len, to: range.from, insert: "" },
          { from: range.to, to: range.to + len, insert: "" },
        ],
        range: EditorSelection.range(range.from - len, range.to - len),
      };
    }
    return {
      changes: [
        { from: range.from, insert: marker },
        { from: range.to, insert: marker },
      ],
      range: EditorSelection.range(range.from + len, range.to + len),
    };
  });
}

/** Turns each selection into `[text](url)` with `url` selected, ready to type over. */
export function insertLink(state: EditorState): TransactionSpec {
  return state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    const insert = `[${text}](url)`;
    const urlFrom = range.from + text.length + 3;
    return {
      changes: { from: range.from, to: range.to, insert },
      range: EditorSelection.range(urlFrom, urlFrom + 3),
    };
  });
}
