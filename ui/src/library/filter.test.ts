import { describe, expect, it } from "vitest";
import type { Post } from "../ipc";
import { countLanguages, countPosts, filterPosts, foldTranslations, languageBadge, mainLanguage, missingLanguages, shortDate } from "./filter";

function post(title: string, tags: string[], status: Post["status"] = "published"): Post {
  return {
    path: `content/posts/${title}.md`, title, date: "2024-03-02T10:00:00+08:00", publish_date: null, expiry_date: null,
    lastmod: null, draft: status === "draft", status, tags, categories: [], series: [], words: 10, reading_minutes: 1,
    summary: "", description: null, slug: null, cover: null, format: "yaml", cjk: false,
    lang: null, translations: [], url: null,
  } as Post;
}

const posts = [post("调谐循环 Reconcile", ["kubernetes", "源码分析"]), post("BBR notes", ["tcp"], "draft"), post("eBPF", ["ebpf"], "scheduled")];

describe("library filter", () => {
  it("matches titles and tags, CJK included, case-insensitively", () => {
    expect(filterPosts(posts, "调谐").map((p) => p.title)).toEqual(["调谐循环 Reconcile"]);
    expect(filterPosts(posts, "RECONCILE")).toHaveLength(1);
    expect(filterPosts(posts, "tcp").map((p) => p.title)).toEqual(["BBR notes"]);
    expect(filterPosts(posts, "#源码分析")).toHaveLength(1);
    expect(filterPosts(posts, "#源码")).toHaveLength(0);
    expect(filterPosts(posts, "  ")).toHaveLength(3);
  });

  it("counts drafts and scheduled posts apart", () => {
    expect(countPosts(posts)).toEqual({ posts: 1, drafts: 2 });
  });

  it("shortens dates", () => {
    expect(shortDate("2024-03-02T10:00:00+08:00")).toBe("2024-03-02");
    expect(shortDate(null)).toBe("");
  });
});

describe("languages", () => {
  const lang = (p: Post, l: string, translations: string[]): Post => ({ ...p, lang: l, translations });
  const zh = lang(post("hello", []), "zh", ["content/posts/hello.en.md"]);
  const en = { ...lang(post("hello-en", []), "en", ["content/posts/hello.md"]), path: "content/posts/hello.en.md" };
  const zhOnly = lang(post("only", []), "zh", []);
  const hello = { ...zh, path: "content/posts/hello.md" };

  it("folds translations into one entry in the main language, or the one open", () => {
    const posts = [en, hello, zhOnly];
    expect(mainLanguage(posts)).toBe("zh");
    const entries = foldTranslations(posts, "zh");
    expect(entries.map((e) => e.post.path)).toEqual(["content/posts/hello.md", "content/posts/only.md"]);
    expect(entries[0].versions).toEqual([
      { lang: "en", path: "content/posts/hello.en.md" },
      { lang: "zh", path: "content/posts/hello.md" },
    ]);
    expect(entries[1].versions).toEqual([]);
    expect(foldTranslations(posts, "zh", "content/posts/hello.en.md")[0].post.path).toBe("content/posts/hello.en.md");
  });

  it("filters by language and counts each", () => {
    const posts = [en, hello, zhOnly];
    expect(filterPosts(posts, "lang:en").map((p) => p.path)).toEqual(["content/posts/hello.en.md"]);
    expect(countLanguages(posts)).toEqual([["zh", 2], ["en", 1]]);
    expect(countLanguages([zhOnly])).toEqual([]);
    expect(languageBadge("zh-cn")).toBe("中");
    expect(languageBadge("en")).toBe("EN");
  });
});

describe("missingLanguages", () => {
  const post = (path: string, lang: string | null, translations: string[] = []) => ({ path, lang, translations }) as unknown as Post;
  it("names the site's languages a post has no version in, among all the posts", () => {
    const zh = post("a.md", "zh", ["a.en.md"]);
    const en = post("a.en.md", "en", ["a.md"]);
    const alone = post("b.md", "zh");
    const all = [zh, en, alone];
    expect(missingLanguages(alone, all, ["zh", "en", "ja"])).toEqual(["en", "ja"]);
    expect(missingLanguages(zh, all, ["zh", "en"])).toEqual([]);
    expect(missingLanguages(en, all, ["zh", "en"])).toEqual([]);
    // Its version hidden by a filter is still there.
    expect(missingLanguages(zh, [zh, en], ["zh", "en"])).toEqual([]);
    expect(missingLanguages(post("c.md", null), all, ["zh", "en"])).toEqual([]);
  });
});
