import { EditorView } from "@codemirror/view";
import { Vim, getCM, vim } from "@replit/codemirror-vim";
import { describe, expect, it, vi } from "vitest";
import { Editor } from "./editor";
import { NO_OPTIONS } from "./options";
import { releaseAppKeys } from "./vim";

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

// jsdom has no layout: Vim's block cursor measures text ranges (nothing here depends on it).
Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

describe("Vim key bindings, loaded when first wanted", () => {
  it("are not there at start, then arrive in the shown post when the setting turns on; :w saves", async () => {
    let saves = 0;
    const parent = document.createElement("div");
    document.body.append(parent);
    const editor = new Editor(parent, { onChange: () => {}, onSave: () => (saves += 1), onScroll: () => {} }, "");
    editor.show("a.md", "one\n");
    expect(getCM(editor.view)).toBeNull();
    editor.configure({ ...NO_OPTIONS, vim: true });
    await vi.waitFor(() => expect(getCM(editor.view)).toBeTruthy());
    const cm = getCM(editor.view);
    if (!cm) throw new Error("no Vim state");
    Vim.handleEx(cm as Parameters<typeof Vim.handleEx>[0], "w");
    expect(saves).toBe(1);
    // A post shown later has them too; turned off, they go.
    editor.show("b.md", "two\n");
    expect(getCM(editor.view)).toBeTruthy();
    editor.configure({ ...NO_OPTIONS, vim: false });
    expect(getCM(editor.view)).toBeNull();
  });
});
