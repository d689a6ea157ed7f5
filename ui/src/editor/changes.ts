//! The editor's changes as the core takes them: the preview and the crash journal send these
//! instead of the whole text.

import type { ChangeSet } from "@codemirror/state";
import type { TextChange } from "../ipc";

/** The UTF-16 ranges of `changes`, shifted by `offset` (the front matter's length). */
export function textChanges(changes: ChangeSet, offset: number): TextChange[] {
  const out: TextChange[] = [];
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) =>
    out.push({ from: fromA + offset, to: toA + offset, insert: inserted.toString() }),
  );
  return out;
}
