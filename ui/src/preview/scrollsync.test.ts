import { describe, expect, it } from "vitest";
import { lineForTop, normalize, topForLine } from "./scrollsync";

const anchors = normalize([
  { line: 10, top: 0 },
  { line: 12, top: 100 },
  { line: 20, top: 500 },
  { line: 12, top: 120 },
]);

describe("scroll sync", () => {
  it("drops duplicate lines and sorts", () => {
    expect(anchors.map((a) => a.line)).toEqual([10, 12, 20]);
  });

  it("maps lines to offsets and back", () => {
    expect(topForLine(anchors, 12)).toBe(100);
    expect(topForLine(anchors, 16)).toBe(300);
    expect(lineForTop(anchors, 300)).toBe(16);
    expect(lineForTop(anchors, -5)).toBe(10);
  });

  it("round-trips inside the document", () => {
    for (const line of [10, 11, 13.5, 19]) {
      expect(lineForTop(anchors, topForLine(anchors, line))).toBeCloseTo(line);
    }
  });
});
