//! Library filtering and counts: pure functions over the posts the core lists.

import type { Post } from "../ipc";

/** Posts whose title, tags or categories contain `query` (`#tag` matches a tag exactly). */
export function filterPosts(posts: Post[], query: string): Post[] {
  const q = query.trim().toLowerCase();
  if (!q) return posts;
  if (q.startsWith("#") && q.length > 1) {
    const tag = q.slice(1);
    return posts.filter((p) => p.tags.some((t) => t.toLowerCase() === tag));
  }
  return posts.filter(
    (p) =>
      p.title.toLowerCase().includes(q) ||
      p.path.toLowerCase().includes(q) ||
      p.tags.some((t) => t.toLowerCase().includes(q)) ||
      p.categories.some((c) => c.toLowerCase().includes(q)),
  );
}

/** Published posts and everything else the default build leaves out. */
export function countPosts(posts: Post[]): { posts: number; drafts: number } {
  const drafts = posts.filter((p) => p.status !== "published" || p.error).length;
  return { posts: posts.length - drafts, drafts };
}

/** `2024-03-02` from an RFC 3339 date, or an empty string. */
export function shortDate(date: string | null): string {
  return date ? date.slice(0, 10) : "";
}
