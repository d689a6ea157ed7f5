import { describe, expect, it, vi } from "vitest";
import type { BlogInfo, Post } from "../ipc";
import { Library, type LibraryCallbacks } from "./library";

function post(name: string, lang: string | null = null, translations: string[] = []): Post {
  return {
    path: `content/posts/${name}`, title: name, date: "2024-03-02T10:00:00+08:00", publish_date: null, expiry_date: null,
    lastmod: null, draft: false, status: "published", tags: [], categories: [], series: [], words: 10, reading_minutes: 1,
    summary: "", description: null, slug: null, cover: null, format: "yaml", cjk: false,
    lang, translations: translations.map((t) => `content/posts/${t}`), url: null,
  } as Post;
}

function library(posts: Post[]): { lib: Library; root: HTMLElement } {
  const root = document.createElement("div");
  const none = () => undefined;
  const callbacks: LibraryCallbacks = {
    onOpenPost: none, onOpenBlog: none, onOpenRecent: none, onNewPost: none, onPublish: none, onGitHub: none, onSettings: none,
    onTermPlan: async () => [], onTermApply: async () => 0, onTermUndo: async () => undefined, onSearch: async () => [], onTranslate: none,
  };
  const lib = new Library(root, callbacks);
  const blog: BlogInfo = {
    root: "/blog", name: "blog", generator: "hugo", posts, tags: [], categories: [], is_sample: false, open: null,
    languages: [{ code: "zh", name: "中文" }, { code: "en", name: "English" }], alone: null, notice: null,
  } as BlogInfo;
  lib.setBlog(blog);
  return { lib, root };
}

const entry = (root: HTMLElement, name: string) => root.querySelector<HTMLElement>(`li.post[data-path="content/posts/${name}"]`);

describe("library entries", () => {
  const posts = [post("a.md"), post("b.md"), post("c.md"), post("t.md", "zh", ["t.en.md"]), post("t.en.md", "en", ["t.md"])];

  it("marks the open post and the unsaved one in place, without building the list again", () => {
    const { lib, root } = library(posts);
    const before = [...root.querySelectorAll("li.post")];
    expect(before).toHaveLength(4);
    lib.setActive("content/posts/a.md");
    lib.setActive("content/posts/b.md");
    expect(entry(root, "a.md")?.classList.contains("active")).toBe(false);
    expect(entry(root, "a.md")?.getAttribute("aria-selected")).toBe("false");
    expect(entry(root, "b.md")?.classList.contains("active")).toBe(true);
    expect(entry(root, "b.md")?.getAttribute("aria-selected")).toBe("true");
    lib.setDirty("content/posts/b.md", true);
    expect(entry(root, "b.md")?.querySelectorAll(".badge.unsaved")).toHaveLength(1);
    lib.setDirty("content/posts/b.md", true);
    expect(entry(root, "b.md")?.querySelectorAll(".badge.unsaved")).toHaveLength(1);
    lib.setDirty("content/posts/b.md", false);
    expect(entry(root, "b.md")?.querySelector(".badge.unsaved")).toBeNull();
    // The same elements: a list of thousands is not rebuilt per keystroke or per post opened.
    expect([...root.querySelectorAll("li.post")]).toEqual(before);
  });

  it("shows a translated post as the version that is open, and marks it once the list is built again", () => {
    const { lib, root } = library(posts);
    lib.setDirty("content/posts/t.en.md", true);
    lib.setActive("content/posts/t.en.md");
    const shown = root.querySelector<HTMLElement>("li.post.active");
    expect(shown?.dataset.path).toBe("content/posts/t.en.md");
    expect(shown?.querySelector(".badge.unsaved")).not.toBeNull();
    lib.setActive("content/posts/a.md");
    expect(root.querySelectorAll("li.post.active")).toHaveLength(1);
    expect(entry(root, "a.md")?.classList.contains("active")).toBe(true);
  });
});

describe("a blog of thousands of posts", () => {
  const many = Array.from({ length: 2000 }, (_, i) => post(`p${String(i).padStart(4, "0")}.md`));

  it("lists the first entries at once and the rest in slices, each once, in order", async () => {
    // Timers only: the slices are timed by the real clock.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { lib, root } = library(many);
      const count = () => root.querySelectorAll("li.post").length;
      expect(count()).toBe(150);
      await vi.advanceTimersToNextTimerAsync();
      expect(count()).toBeGreaterThan(150);
      expect(count()).toBeLessThan(many.length);
      // A post not listed yet is opened and changed meanwhile: the list starts again.
      lib.setActive("content/posts/p1999.md");
      lib.setDirty("content/posts/p1999.md", true);
      await vi.runAllTimersAsync();
      const paths = [...root.querySelectorAll<HTMLElement>("li.post")].map((li) => li.dataset.path);
      expect(paths).toEqual(many.map((p) => p.path));
      const last = entry(root, "p1999.md");
      expect(last?.classList.contains("active")).toBe(true);
      expect(last?.querySelector(".badge.unsaved")).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
