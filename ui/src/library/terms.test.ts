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

describe("the rename form", () => {
  it("keeps what was typed, and its preview, when the panel is drawn again", async () => {
    const { TermsView } = await import("./terms");
    const list = document.createElement("ul");
    document.body.append(list);
    const planned: string[] = [];
    const view = new TermsView(list, {
      onFilter: () => undefined,
      plan: async (_taxonomy, op) => {
        planned.push(op.op === "rename" ? op.to : "");
        return ["content/posts/a.md", "content/posts/b.md"];
      },
      apply: async () => 2,
      undo: async () => undefined,
    });
    const terms = [
      { name: "tcp", posts: 2, unpublished: 0 },
      { name: "linux", posts: 1, unpublished: 0 },
    ];
    view.render("tags", terms);
    (list.querySelector(".term[data-term=tcp] [data-testid=term-rename]") as HTMLButtonElement).click();
    const input = () => list.querySelector("[data-testid=term-input]") as HTMLInputElement;
    input().value = "networking";
    input().dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    // Something else made the library draw the panel again (a post saved, the blog changed).
    view.render("tags", terms);
    await new Promise((r) => setTimeout(r, 0));
    expect(input().value).toBe("networking");
    expect(list.querySelector("[data-testid=term-preview]")?.textContent).toContain("content/posts/a.md");
    expect((list.querySelector("[data-testid=term-apply]") as HTMLButtonElement).disabled).toBe(false);
    expect(planned).toEqual(["networking", "networking"]);
  });
});
