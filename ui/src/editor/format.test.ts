import { describe, expect, it } from "vitest";
import { EditorSelection, EditorState } from "@codemirror/state";
import { insertLink, toggleWrap } from "./format";

function run(doc: string, from: number, to: number, f: (s: EditorState) => object) {
  const state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
  const next = state.update(f(state)).state;
  const sel = next.selection.main;
  return { doc: next.doc.toString(), selected: next.sliceDoc(sel.from, sel.to) };
}

describe("formatting", () => {
  it("bolds and un-bolds the selection, CJK included", () => {
    const bold = run("调谐循环 loop", 0, 4, (s) => toggleWrap(s, "**"));
    expect(bold).toEqual({ doc: "**调谐循环** loop", selected: "调谐循环" });
    const back = run("**调谐循环** loop", 2, 6, (s) => toggleWrap(s, "**"));
    expect(back).toEqual({ doc: "调谐循环 loop", selected: "调谐循环" });
  });

  it("italicizes an empty selection as a pair of markers", () => {
    expect(run("ab", 1, 1, (s) => toggleWrap(s, "*")).doc).toBe("a**b");
  });

  it("makes a link and selects its url", () => {
    expect(run("see docs here", 4, 8, insertLink)).toEqual({ doc: "see [docs](url) here", selected: "url" });
  });
});
