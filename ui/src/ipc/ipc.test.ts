import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { IpcError, ipc } from "./index";

afterEach(() => clearMocks());

describe("ipc", () => {
  it("passes arguments by name and returns the result", async () => {
    const seen: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === "post_save" ? { path: "content/posts/a.md", title: "A" } : null;
    });
    const post = await ipc.postSave("content/posts/a.md", "---\ntitle: A\n---\n");
    expect(post.title).toBe("A");
    expect(seen[0]).toEqual(["post_save", { path: "content/posts/a.md", text: "---\ntitle: A\n---\n", force: false, base: null }]);
    // `base`: what the buffer was loaded from, so the core can refuse a file changed unseen.
    await ipc.postSave("content/posts/a.md", "", true, "---\ntitle: A\n---\nold\n");
    expect(seen[1]).toEqual(["post_save", { path: "content/posts/a.md", text: "", force: true, base: "---\ntitle: A\n---\nold\n" }]);
  });

  it("turns a CommandError into an IpcError with its code", async () => {
    mockIPC(() => {
      throw { code: "not_a_blog", message: "/tmp/x: not a Hugo, Jekyll or Hexo blog" };
    });
    const err = await ipc.blogOpen("/tmp/x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).code).toBe("not_a_blog");
    expect((err as IpcError).message).toContain("not a Hugo");
  });
});
