import { describe, expect, it } from "vitest";
import { Editor, pastedImages } from "./editor";

describe("editor line endings", () => {
  it("gives back a CRLF post with CRLF and an LF post with LF", () => {
    const editor = new Editor(document.createElement("div"), { onChange: () => {}, onSave: () => {}, onScroll: () => {} }, "");
    editor.show("crlf.md", "line one\r\nline two\r\n");
    expect(editor.text()).toBe("line one\r\nline two\r\n");
    editor.show("lf.md", "a\nb\n");
    expect(editor.text()).toBe("a\nb\n");
  });
});

describe("pastedImages", () => {
  it("takes the image files of a paste and leaves its text", () => {
    const png = new File([new Uint8Array([1, 2])], "shot.png", { type: "image/png" });
    const data = {
      items: [
        { kind: "string", type: "text/plain", getAsFile: () => null },
        { kind: "file", type: "image/png", getAsFile: () => png },
        { kind: "file", type: "application/pdf", getAsFile: () => new File([], "a.pdf") },
      ],
    } as unknown as DataTransfer;
    expect(pastedImages(data)).toEqual([png]);
    expect(pastedImages(null)).toEqual([]);
  });
});
