import { describe, expect, it } from "vitest";
import { splitList } from "./form";

describe("front matter form", () => {
  it("splits lists on ASCII and full-width commas", () => {
    expect(splitList("kubernetes, 源码分析，调度、 go ,")).toEqual(["kubernetes", "源码分析", "调度", "go"]);
    expect(splitList("  ")).toEqual([]);
  });
});
