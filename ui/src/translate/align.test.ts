import { describe, expect, it } from "vitest";
import { alignLine, headingLines } from "./align";

const zh = ["", "拥塞控制是一张回调表。", "", "## 接口", "", "```c", "# not a heading", "```", "", "正文", "", "## 实现", "", "结尾"].join("\n");
const en = ["", "Congestion control is a table of callbacks.", "It has two parts.", "", "## The interface", "", "```c", "# not a heading", "```", "", "Body", "more", "", "## The implementation", "", "End"].join("\n");

describe("headingLines", () => {
  it("finds ATX and setext headings, never inside fenced code", () => {
    expect(headingLines(zh)).toEqual([4, 12]);
    expect(headingLines(en)).toEqual([5, 14]);
    expect(headingLines("Title\n=====\n\ntext\n\nSub\n---\n")).toEqual([1, 6]);
    // A list item over a rule, a fence closed only by a long enough one of its kind.
    expect(headingLines("- item\n---\n````\n```\n# no\n````\n# yes")).toEqual([7]);
    // A rule after code or a list is no underline; bold text over one is a heading.
    expect(headingLines("```\nx\n```\n---\n**Bold**\n---\n")).toEqual([5]);
  });
});

describe("alignLine", () => {
  const a = headingLines(zh);
  const b = headingLines(en);
  const la = zh.split("\n").length;
  const lb = en.split("\n").length;
  it("matches the n-th heading of one with the n-th of the other", () => {
    expect(alignLine(a, b, 4, la, lb)).toBe(5);
    expect(alignLine(a, b, 12, la, lb)).toBe(14);
    expect(alignLine(b, a, 14, lb, la)).toBe(12);
  });
  it("maps the lines between two headings proportionally, and the ends to the ends", () => {
    expect(alignLine(a, b, 1, la, lb)).toBe(1);
    // Halfway between the two headings of the original: halfway between the translation's.
    expect(alignLine(a, b, 8, la, lb)).toBeCloseTo(9.5);
    expect(alignLine(a, b, la + 1, la, lb)).toBe(lb + 1);
    expect(alignLine(a, b, 1000, la, lb)).toBe(lb + 1);
  });
  it("pairs as many headings as both texts have", () => {
    // One heading paired (3 with 3); the rest of each text maps end to end.
    expect(alignLine([3, 10], [3], 10, 20, 20)).toBe(10);
    expect(alignLine([3, 10], [5], 12, 20, 40)).toBeCloseTo(5 + (9 / 18) * 36);
    expect(alignLine([], [], 11, 20, 40)).toBe(21);
  });
});
