import { describe, expect, it } from "vitest";
import { fieldText, splitList, suggestions, writtenKey } from "./form";

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

describe("tag completion", () => {
  const known = ["kubernetes", "kernel", "内核", "linux", "go"];
  it("completes the name after the last comma, prefix matches first", () => {
    expect(suggestions("linux, ke", known)).toEqual(["linux, kernel"]);
    expect(suggestions("n", known)).toEqual(["kubernetes", "kernel", "linux"]);
    expect(suggestions("li", ["salinity", "linux"])).toEqual(["linux", "salinity"]);
    expect(suggestions("内", known)).toEqual(["内核"]);
  });
  it("never offers a name the post already has", () => {
    expect(suggestions("go, linux, ", known)).toEqual(["go, linux, kubernetes", "go, linux, kernel", "go, linux, 内核"]);
  });
});
