import { describe, expect, it, vi } from "vitest";
import type { OpenPosts } from "../buffer/posts";
import type { BlogInfo, Post } from "../ipc";
import { BlogSession, type SessionAreas, type SessionHost } from "./session";

const post = (path: string): Post => ({ path, title: path }) as unknown as Post;

/** A session over fakes: the core's list is `onDisk` when asked again; `open` and `handover`
 * as given. */
function session(onDisk: Post[], core: Partial<SessionHost> = {}) {
  const list = vi.fn(async () => onDisk);
  const host = {
    handover: async () => null,
    ...core,
    recent: async () => [],
    pending: async () => [],
    recover: async () => null,
    list,
    startMark: () => undefined,
    title: () => undefined,
    reconcile: async () => undefined,
  } as unknown as SessionHost;
  const setPosts = vi.fn();
  const nothing = () => undefined;
  const areas = {
    editor: { restore: nothing },
    library: { setBlog: nothing, setPosts, setRecent: nothing },
    form: { setVocabulary: nothing },
    sideBySide: { hide: nothing, setPost: nothing },
    status: { setNotice: nothing },
    panes: { remember: nothing, leave: nothing, load: () => ({ post: null }) },
    publishPanel: { reset: nothing },
    outline: { clear: nothing },
    unsaved: { settle: async () => true },
  } as unknown as SessionAreas;
  const opened = vi.fn(async (_path: string) => undefined);
  const posts = { clear: nothing, has: () => false, open: opened, current: null, dirty: () => [] } as unknown as OpenPosts;
  return { session: new BlogSession(host, posts, areas), list, setPosts, opened };
}

const blog = { root: "/blog", posts: [post("content/posts/a.md")], languages: [], tags: [], categories: [] } as unknown as BlogInfo;

describe("BlogSession", () => {
  it("reads the list again once the first blog is shown when files changed on disk before", async () => {
    const onDisk = [post("content/posts/a.md"), post("content/posts/new.md")];
    const { session: s, list, setPosts } = session(onDisk);
    // The watcher's news arrives while the page still waits for the blog's answer.
    await s.diskChanged({ paths: ["content/posts/new.md"], renamed: [] });
    expect(list).not.toHaveBeenCalled();
    await s.load(async () => blog);
    await vi.waitFor(() => expect(setPosts).toHaveBeenCalledWith(onDisk));
    expect(s.info?.posts.map((p) => p.path)).toEqual(["content/posts/a.md", "content/posts/new.md"]);
  });

  it("does not read the list again when nothing changed before the blog was shown", async () => {
    const { session: s, list } = session([]);
    await s.load(async () => blog);
    await new Promise((r) => setTimeout(r, 0));
    expect(list).not.toHaveBeenCalled();
    expect(s.info?.posts).toHaveLength(1);
  });

  it("opens a second launch's blog after the first one, which is still loading, not into it", async () => {
    const other = { ...blog, root: "/other", posts: [post("content/posts/b.md"), post("content/posts/x.md")] } as unknown as BlogInfo;
    const { session: s, opened } = session([], {
      open: async (root: string) => (root === "/other" ? other : blog),
      handover: async () => ({ root: "/other", post: "content/posts/x.md", error: null }),
    });
    let answer: (b: BlogInfo) => void = () => undefined;
    const first = s.load(() => new Promise<BlogInfo>((r) => (answer = r)));
    // The launch comes while the core's answer for the first blog is on its way.
    const second = s.handover();
    await new Promise((r) => setTimeout(r, 0));
    answer(blog);
    await Promise.all([first, second]);
    expect(s.info?.root).toBe("/other");
    expect(opened.mock.calls.map(([p]) => p)).toEqual(["content/posts/a.md", "content/posts/x.md"]);
  });

  it("makes a clone only once the blog opened before it is shown, and shows the clone", async () => {
    const cloned = { ...blog, root: "/clone", posts: [post("content/posts/c.md")] } as unknown as BlogInfo;
    const { session: s, opened } = session([]);
    let answer: (b: BlogInfo) => void = () => undefined;
    const first = s.load(() => new Promise<BlogInfo>((r) => (answer = r)));
    const make = vi.fn(async () => cloned);
    const clone = s.openMade(make);
    await new Promise((r) => setTimeout(r, 0));
    // The core would open the clone now, under the blog still loading.
    expect(make).not.toHaveBeenCalled();
    answer(blog);
    await first;
    expect(await clone).toBe(true);
    expect(s.info?.root).toBe("/clone");
    expect(opened.mock.calls.map(([p]) => p)).toEqual(["content/posts/a.md", "content/posts/c.md"]);
  });
});
