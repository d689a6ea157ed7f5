import { EditorView } from "@codemirror/view";
import { Vim, getCM, vim } from "@replit/codemirror-vim";
import { describe, expect, it } from "vitest";
import { releaseAppKeys } from "./options";

describe("Vim key bindings", () => {
  it("leave Ctrl+N and Ctrl+P to the app in normal mode, and keep Vim's own keys", () => {
    const parent = document.createElement("div");
    document.body.append(parent);
    const view = new EditorView({ doc: "one\ntwo\nthree\n", extensions: [vim()], parent });
    const cm = getCM(view);
    if (!cm) throw new Error("no Vim state");
    const head = () => view.state.selection.main.head;
    // Vim's: l moves right (j would need a layout, which the test page has none of).
    expect(Vim.handleKey(cm, "l", "user")).toBe(true);
    expect(head()).toBe(1);
    // The app's: not taken (so the window's shortcut runs), nothing moves.
    expect(Vim.handleKey(cm, "<C-n>", "user")).toBeFalsy();
    expect(Vim.handleKey(cm, "<C-p>", "user")).toBeFalsy();
    expect(head()).toBe(1);
    // Released once, when the module loaded.
    expect(releaseAppKeys()).toEqual([]);
    view.destroy();
  });
});
