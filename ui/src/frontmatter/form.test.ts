import { describe, expect, it } from "vitest";
import { fieldText, splitList, writtenKey } from "./form";

describe("front matter form", () => {
  it("splits lists on ASCII and full-width commas", () => {
    expect(splitList("kubernetes, 源码分析，调度、 go ,")).toEqual(["kubernetes", "源码分析", "调度", "go"]);
    expect(splitList("  ")).toEqual([]);
  });
});

describe("more fields", () => {
  it("shows front-matter values as text and keeps the key's spelling", () => {
    expect(fieldText(["a", "b"])).toBe("a, b");
    expect(fieldText(true)).toBe("true");
    expect(fieldText(null)).toBe("");
    expect(fieldText({ image: "x.png" })).toBe("");
    expect(writtenKey({ showtoc: true }, "ShowToc")).toBe("showtoc");
    expect(writtenKey({}, "ShowToc")).toBe("ShowToc");
  });
});
