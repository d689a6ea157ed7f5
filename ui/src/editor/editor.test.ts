import { describe, expect, it } from "vitest";
import { Editor } from "./editor";

describe("editor line endings", () => {
  it("gives back a CRLF post with CRLF and an LF post with LF", () => {
    const editor = new Editor(document.createElement("div"), { onChange: () => {}, onSave: () => {}, onScroll: () => {} }, "");
    editor.show("crlf.md", "line one\r\nline two\r\n");
    expect(editor.text()).toBe("line one\r\nline two\r\n");
    editor.show("lf.md", "a\nb\n");
    expect(editor.text()).toBe("a\nb\n");
  });
});
