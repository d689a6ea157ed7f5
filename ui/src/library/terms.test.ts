import { describe, expect, it } from "vitest";
import { termOp } from "./terms";

describe("term operations from the panel", () => {
  it("needs a different, non-empty name to rename or merge", () => {
    expect(termOp("rename", "tcp", "  ")).toBeNull();
    expect(termOp("rename", "tcp", "TCP")).toBeNull();
    expect(termOp("rename", "tcp", " networking ")).toEqual({ op: "rename", from: "tcp", to: "networking" });
    expect(termOp("merge", "k8s", "kubernetes")).toEqual({ op: "merge", from: ["k8s"], into: "kubernetes" });
  });

  it("deletes without asking for a name", () => {
    expect(termOp("delete", "内核", "")).toEqual({ op: "delete", name: "内核" });
  });
});
