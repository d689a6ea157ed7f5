import { describe, expect, it, vi } from "vitest";
import type { OpenPosts } from "../buffer/posts";
import type { BlogInfo, Post } from "../ipc";
import { BlogSession, type SessionAreas, type SessionHost } from "./session";

const post = (path: string): Post => ({ path, title: path }) as unknown as Post;

/** A session over fakes: the core's list is `onDisk` when asked again. */
function session(onDisk: Post[]) {
  const list = vi.fn(async () => onDisk);
  const host = {
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
  } as unknown as SessionAreas;
  const posts = { clear: nothing, has: () => false, open: async () => undefined, current: null } as unknown as OpenPosts;
  return { session: new BlogSession(host, posts, areas), list, setPosts };
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
});
