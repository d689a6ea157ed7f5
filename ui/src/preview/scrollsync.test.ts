import { describe, expect, it } from "vitest";
import { type Anchor, anchorsAround, lineForTop, normalize, topForLine } from "./scrollsync";

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

describe("scroll sync on a long post, measuring a few blocks", () => {
  // 3,000 units; some hold several blocks (a list's items), some none (a raw HTML comment).
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const units: Anchor[][] = [];
  let line = 4;
  let top = 24;
  for (let u = 0; u < 3000; u++) {
    const blocks: Anchor[] = [];
    // Units 2000 to 2039 hold no block at all (a run of raw HTML comments).
    const n = (u >= 2000 && u < 2040) || random() < 0.05 ? 0 : 1 + Math.floor(random() * 3);
    for (let b = 0; b < n; b++) {
      blocks.push({ line, top });
      line += 1 + Math.floor(random() * 6);
      top += 20 + Math.floor(random() * 300);
    }
    if (n === 0) line += 1;
    units.push(blocks);
  }
  const all = normalize(units.flat());
  const measured: number[] = [];
  const measure = (from: number, to: number) => {
    measured.push(to - from);
    return normalize(units.slice(from, to).flat());
  };
  // As Units finds them: a unit without a block starts where the next block does.
  const startOf = (k: number, key: (a: Anchor) => number) => {
    for (let j = k; j < units.length; j++) if (units[j][0]) return key(units[j][0]);
    return Infinity;
  };
  const unitOfLine = (l: number) => {
    let i = 0;
    for (let k = 0; k < units.length; k++) if (startOf(k, (a) => a.line) <= l) i = k;
    return i;
  };
  const unitAtTop = (t: number) => {
    let i = 0;
    for (let k = 0; k < units.length; k++) if (startOf(k, (a) => a.top) <= t) i = k;
    return i;
  };

  it("maps lines to offsets and back exactly as with every block measured", () => {
    const gap = units[1999][units[1999].length - 1] ?? { line: 0, top: 0 };
    for (const l of [1, 4, 5.5, 100, 2500.25, gap.line + 1, line - 3, line + 50]) {
      const near = anchorsAround(unitOfLine(l), units.length, measure, (a) => a.line, l);
      expect(topForLine(near, l, top + 500)).toBe(topForLine(all, l, top + 500));
    }
    for (const t of [0, 24, 30, 9999, 100000.5, gap.top + 1, top - 10, top + 1000]) {
      const near = anchorsAround(unitAtTop(t), units.length, measure, (a) => a.top, t);
      expect(lineForTop(near, t)).toBe(lineForTop(all, t));
    }
  });

  it("measures a handful of units, not the post", () => {
    measured.length = 0;
    anchorsAround(1500, units.length, measure, (a) => a.line, units[1500][0]?.line ?? units[1501][0].line);
    expect(Math.max(...measured)).toBeLessThanOrEqual(17);
  });
});
