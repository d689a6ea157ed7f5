//! Library filtering and counts: pure functions over the posts the core lists.

import type { Post } from "../ipc";

/**
 * Posts whose title, tags or categories contain `query` (`#tag` matches a tag exactly,
 * `lang:en` the posts in a language).
 */
export function filterPosts(posts: Post[], query: string): Post[] {
  const q = query.trim().toLowerCase();
  if (!q) return posts;
  if (q.startsWith("lang:")) {
    const lang = q.slice(5).trim();
    return posts.filter((p) => (p.lang ?? "").toLowerCase() === lang);
  }
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

/** One entry of the library: a post, and its versions in other languages. */
export interface Entry {
  post: Post;
  /** Every language version (this one included), by language code; empty for a post in one. */
  versions: { lang: string; path: string }[];
}

/**
 * Posts with their translations folded into one entry, shown as the `open` one when it is
 * among them, else in `lang` when there is such a version, else the first listed; the order
 * is that of `posts`.
 */
export function foldTranslations(posts: Post[], lang: string | null, open: string | null = null): Entry[] {
  const byPath = new Map(posts.map((p) => [p.path, p]));
  const seen = new Set<string>();
  const out: Entry[] = [];
  for (const p of posts) {
    if (seen.has(p.path)) continue;
    const group = [p, ...p.translations.map((t) => byPath.get(t)).filter((t): t is Post => !!t)];
    for (const g of group) seen.add(g.path);
    if (group.length === 1) {
      out.push({ post: p, versions: [] });
      continue;
    }
    const shown = group.find((g) => g.path === open) ?? group.find((g) => g.lang === lang) ?? p;
    const versions = group
      .map((g) => ({ lang: g.lang ?? "", path: g.path }))
      .sort((a, b) => a.lang.localeCompare(b.lang));
    out.push({ post: shown, versions });
  }
  return out;
}

/** The language most posts are written in (the site's main one, in practice). */
export function mainLanguage(posts: Post[]): string | null {
  const counts = new Map<string, number>();
  for (const p of posts) if (p.lang) counts.set(p.lang, (counts.get(p.lang) ?? 0) + 1);
  let best: string | null = null;
  for (const [lang, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = lang;
  return best;
}

/** A language's badge: `中` for Chinese, the code in capitals otherwise (`EN`). */
export function languageBadge(lang: string): string {
  return lang.toLowerCase().startsWith("zh") ? "中" : lang.toUpperCase();
}

/** Posts per language, most first; empty for a site in one language. */
export function countLanguages(posts: Post[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of posts) if (p.lang) counts.set(p.lang, (counts.get(p.lang) ?? 0) + 1);
  return counts.size > 1 ? [...counts].sort((a, b) => b[1] - a[1]) : [];
}

/** The site's languages `post` has no version in, among `all` the blog's posts (a filter
 * hiding a version does not make it missing); none for a post without a language. */
export function missingLanguages(post: Post, all: Post[], languages: string[]): string[] {
  if (!post.lang) return [];
  const byPath = new Map(all.map((p) => [p.path, p]));
  const have = new Set([post.lang, ...post.translations.map((t) => byPath.get(t)?.lang)]);
  return languages.filter((l) => !have.has(l));
}
