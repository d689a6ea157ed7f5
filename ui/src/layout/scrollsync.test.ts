import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ScrollSync } from "./scrollsync";

// Front matter of three lines: the body's line 1 is the file's line 4.
const head = "---\ntitle: x\n---\n";
const anchors = [
  { line: 4, top: 0 },
  { line: 14, top: 1000 },
];

function setup(active = false) {
  const calls = { preview: [] as number[], editor: [] as number[], follow: 0, nearLine: [] as number[], nearTop: [] as number[] };
  const sync = new ScrollSync({
    current: () => ({ head }),
    editor: { topLine: () => 9, scrollToLine: (line) => void calls.editor.push(line) },
    preview: {
      anchorsNearLine: (line) => (calls.nearLine.push(line), anchors),
      anchorsNearTop: (top) => (calls.nearTop.push(top), anchors),
      scrollTop: () => 500, scrollHeight: () => 2000, scrollTo: (y) => void calls.preview.push(y) },
    sideBySide: { active, follow: () => void calls.follow++ },
  });
  return { sync, calls };
}

describe("scroll sync", () => {
  beforeEach(() => {
    vi.stubGlobal("requestAnimationFrame", (f: FrameRequestCallback) => (f(0), 1));
    vi.stubGlobal("cancelAnimationFrame", () => undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("scrolls the preview to the editor's top line, counted in the file", () => {
    const { sync, calls } = setup();
    sync.fromEditor();
    // Body line 9 is file line 12: 80% of the way from line 4 to line 14.
    expect(calls.preview).toEqual([800]);
    // The anchors measured are the ones around that line.
    expect(calls.nearLine).toEqual([12]);
    expect(calls.nearTop).toEqual([]);
  });

  it("scrolls the editor to the preview's line, and ignores the editor's echo", () => {
    const { sync, calls } = setup();
    sync.fromPreview();
    // Offset 500 is file line 9, body line 6.
    expect(calls.editor).toEqual([6]);
    expect(calls.nearTop).toEqual([500]);
    sync.fromEditor();
    expect(calls.preview).toEqual([]);
  });

  it("leaves side by side to the original's own following", () => {
    const { sync, calls } = setup(true);
    sync.fromEditor();
    sync.fromPreview();
    expect(calls).toEqual({ preview: [], editor: [], follow: 1, nearLine: [], nearTop: [] });
  });
});
