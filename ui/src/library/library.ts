//! The library sidebar: the open blog's posts and drafts, newest first, a filter, badges,
//! counts, opening another blog and the recent ones.

import { t } from "../i18n";
import type { BlogInfo, Post } from "../ipc";
import { h } from "../dom";
import type { Hit, Taxonomy, TermOp } from "../ipc";
import { countLanguages, countPosts, type Entry, filterPosts, foldTranslations, languageBadge, mainLanguage, missingLanguages, shortDate } from "./filter";
import { TermsView } from "./terms";

export interface LibraryCallbacks {
  onOpenPost: (path: string) => void;
  onOpenBlog: () => void;
  onOpenRecent: (root: string) => void;
  onNewPost: () => void;
  onPublish: () => void;
  /** Opens the GitHub dialog: sign in, open a blog from GitHub. */
  onGitHub: () => void;
  onSettings: () => void;
  onTermPlan: (taxonomy: Taxonomy, op: TermOp) => Promise<string[]>;
  onTermApply: (taxonomy: Taxonomy, op: TermOp) => Promise<number>;
  onTermUndo: () => Promise<void>;
  /** Full-text search of titles, tags and bodies. */
  onSearch: (query: string) => Promise<Hit[]>;
  /** Start (or open) the version of the post at `path` in `lang`, beside it. */
  onTranslate: (path: string, lang: string) => void;
}

/**
 * The entries built at once; a blog of thousands of posts gets the rest in slices of about
 * `SLICE_MS` (ms) between other work, so opening it or typing never waits for all of them.
 */
const FIRST_ENTRIES = 150;
const SLICE_MS = 8;

/** Where the library keeps its one setting (in the app's storage, never in the blog). */
const MISSING_KEY = "inkstone.library.missingTranslations";

type Mode = "posts" | Taxonomy;

export class Library {
  private blog: BlogInfo | null = null;
  private query = "";
  private active: string | null = null;
  private dirty = new Set<string>();
  private recent: string[] = [];
  private readonly list: HTMLElement;
  private readonly header: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly newButton: HTMLButtonElement;
  private readonly tabs: HTMLElement;
  private readonly terms: TermsView;
  private mode: Mode = "posts";
  /** Body matches for `query`, beyond the posts the quick filter already shows. */
  private hits: Hit[] = [];
  private searchTimer = 0;
  private searchVersion = 0;
  /** Counts the lists built (a list still being added to stops when a newer one is built). */
  private listVersion = 0;
  /** Entries of the list shown are still being added. */
  private building = false;
  /** Entries say which of the site's languages they have no version in (off by default). */
  private showMissing: boolean;
  /**
   * How far the list is scrolled, kept from its scroll events: reading `scrollTop` while
   * building the list would lay the whole window out first (at start, before anything has
   * been laid out, about 80 ms of the path to an editable window).
   */
  private scrolled = 0;
  private readonly missingToggle: HTMLInputElement;
  private readonly missingLabel: HTMLElement;
  private readonly counts: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly callbacks: LibraryCallbacks,
    private readonly storage: Storage | null = null,
  ) {
    this.showMissing = storage?.getItem(MISSING_KEY) === "true";
    this.header = h("header", { class: "library-header" });
    this.filter = h("input", {
      type: "search",
      class: "filter",
      "data-testid": "library-filter",
      oninput: () => {
        this.query = this.filter.value;
        this.hits = [];
        this.renderList();
        this.scheduleSearch();
      },
    });
    this.newButton = h("button", { class: "primary", "data-testid": "new-post", onclick: () => this.callbacks.onNewPost() });
    this.list = h("ul", { class: "post-list", "data-testid": "post-list", role: "listbox", "aria-label": t("library.posts") });
    this.list.addEventListener("scroll", () => (this.scrolled = this.list.scrollTop), { passive: true });
    this.counts = h("span", { class: "counts" });
    this.missingToggle = h("input", {
      type: "checkbox",
      "data-testid": "show-missing",
      onchange: () => {
        this.showMissing = this.missingToggle.checked;
        try {
          this.storage?.setItem(MISSING_KEY, String(this.showMissing));
        } catch {
          // Storage full or refused: the setting holds until the window closes.
        }
        this.renderList();
      },
    });
    this.missingToggle.checked = this.showMissing;
    this.missingLabel = h("span", {});
    this.footer = h("footer", { class: "library-footer" }, this.counts, h("label", { class: "missing-toggle" }, this.missingToggle, this.missingLabel));
    this.tabs = h("div", { class: "library-tabs", role: "tablist" });
    this.terms = new TermsView(this.list, {
      onFilter: (_taxonomy, name) => {
        this.mode = "posts";
        this.query = `#${name}`;
        this.filter.value = this.query;
        this.render();
      },
      plan: (taxonomy, op) => this.callbacks.onTermPlan(taxonomy, op),
      apply: (taxonomy, op) => this.callbacks.onTermApply(taxonomy, op),
      undo: () => this.callbacks.onTermUndo(),
    });
    this.root.append(this.header, h("div", { class: "library-tools" }, this.filter, this.newButton), this.tabs, this.list, this.footer);
    this.render();
  }

  setBlog(blog: BlogInfo): void {
    if (this.blog?.root !== blog.root) this.terms.reset();
    this.blog = blog;
    this.render();
  }

  setPosts(posts: Post[]): void {
    if (this.blog) this.blog = { ...this.blog, posts };
    this.renderList();
  }

  setRecent(recent: string[]): void {
    this.recent = recent;
    this.renderHeader();
  }

  // The Tags and Categories tabs show neither: they are not re-rendered (a form open there
  // keeps its focus). Both change one or two entries of a list that may hold thousands: those
  // entries are changed in place; the list is built again only when the folding of
  // translations depends on the change, or while it is still being built (its later entries
  // were folded by the post open before).
  setActive(path: string | null): void {
    const before = this.active;
    this.active = path;
    if (this.mode !== "posts" || before === path) return;
    const was = before === null ? [] : this.entries(before);
    const now = path === null ? [] : this.entries(path);
    const folded = [...was, ...now].some((li) => li.querySelector(".badge.lang:not(.missing)"));
    if (now.length === 0 || folded || this.building) return this.renderList();
    for (const li of was) {
      li.classList.remove("active");
      li.setAttribute("aria-selected", "false");
    }
    for (const li of now) {
      li.classList.add("active");
      li.setAttribute("aria-selected", "true");
    }
  }

  setDirty(path: string, dirty: boolean): void {
    if (dirty === this.dirty.has(path)) return;
    if (dirty) this.dirty.add(path);
    else this.dirty.delete(path);
    if (this.mode !== "posts") return;
    for (const li of this.entries(path)) {
      const meta = li.querySelector(".post-meta");
      if (!meta || li.classList.contains("hit")) continue;
      meta.querySelector(".badge.unsaved")?.remove();
      if (dirty) meta.append(h("span", { class: "badge unsaved", title: t("badge.unsaved") }, "●"));
    }
  }

  /** How many of the list's entries begin above `y` (px from the list's top, scrolled). */
  private entriesAbove(y: number): number {
    const children = this.list.children;
    const top = this.list.getBoundingClientRect().top - this.list.scrollTop;
    let lo = 0;
    let hi = children.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (children[mid].getBoundingClientRect().top - top < y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The list's entries for `path` (a post, or a search hit). */
  private entries(path: string): HTMLElement[] {
    return [...this.list.children].filter((li): li is HTMLElement => li instanceof HTMLElement && li.dataset.path === path);
  }

  render(): void {
    this.filter.placeholder = t("library.filter");
    this.newButton.textContent = `+ ${t("library.new")}`;
    // A file opened alone is the one entry: no new posts, no tags, nothing to filter.
    const alone = !!this.blog?.alone;
    if (alone) this.mode = "posts";
    this.newButton.hidden = alone;
    this.filter.hidden = alone;
    this.tabs.hidden = alone;
    this.renderHeader();
    this.renderTabs();
    this.renderList();
  }

  private renderTabs(): void {
    const tab = (mode: Mode, label: string) =>
      h(
        "button",
        {
          role: "tab",
          class: mode === this.mode ? "active" : "",
          "aria-selected": mode === this.mode ? "true" : "false",
          "data-testid": `tab-${mode}`,
          onclick: () => {
            this.mode = mode;
            this.render();
          },
        },
        label,
      );
    this.tabs.replaceChildren(tab("posts", t("library.tabPosts")), tab("tags", t("library.tabTags")), tab("categories", t("library.tabCategories")));
  }

  private renderHeader(): void {
    const blog = this.blog;
    const recent = this.recent.filter((r) => r !== blog?.root);
    const menu = h(
      "select",
      {
        class: "recent",
        "aria-label": t("library.recent"),
        onchange: (e) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v) this.callbacks.onOpenRecent(v);
        },
      },
      h("option", { value: "" }, t("library.recent")),
      ...recent.map((r) => h("option", { value: r, title: r }, r.split(/[\\/]/).filter(Boolean).pop() ?? r)),
    );
    const parts: Array<HTMLElement | null> = [
      h(
        "div",
        { class: "blog-name", title: blog?.root ?? "" },
        h("span", { class: "name", "data-testid": "blog-name" }, blog?.name ?? "Inkstone"),
        blog ? h("span", { class: "generator" }, blog.alone ? t("library.aloneKind") : blog.generator) : null,
        h(
          "button",
          { class: "icon settings-open", "data-testid": "settings-open", "aria-label": t("settings.heading"), title: t("settings.heading"), onclick: () => this.callbacks.onSettings() },
          "⚙",
        ),
      ),
      blog?.is_sample ? h("div", { class: "hint" }, t("library.sample")) : null,
      blog?.alone ? h("div", { class: "hint", role: "note", "data-testid": "alone-note" }, t("library.alone")) : null,
      h(
        "div",
        { class: "blog-actions" },
        h("button", { "data-testid": "open-blog", onclick: () => this.callbacks.onOpenBlog() }, t("library.open")),
        blog && !blog.alone ? h("button", { class: "publish", "data-testid": "publish-open", onclick: () => this.callbacks.onPublish() }, t("publish.button")) : null,
        h("button", { "data-testid": "github-open", onclick: () => this.callbacks.onGitHub() }, t("github.open")),
        recent.length ? menu : null,
      ),
    ];
    this.header.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  }

  /** Searches the text once typing pauses; an older answer never replaces a newer one. */
  private scheduleSearch(): void {
    clearTimeout(this.searchTimer);
    const query = this.query.trim();
    const version = ++this.searchVersion;
    if (query.length < 2 || query.startsWith("#")) return;
    this.searchTimer = window.setTimeout(() => {
      this.callbacks
        .onSearch(query)
        .then((hits) => {
          if (version !== this.searchVersion) return;
          this.hits = hits;
          this.renderList();
        })
        .catch(() => {});
    }, 150);
  }

  private renderList(): void {
    // Entries of an earlier list still being added stop.
    const version = ++this.listVersion;
    this.building = false;
    if (this.mode !== "posts") {
      this.terms.render(this.mode, (this.mode === "tags" ? this.blog?.tags : this.blog?.categories) ?? []);
      return;
    }
    // The list is the posts' now: a tag form's answer arriving later leaves it alone.
    this.terms.hide();
    const all = this.blog?.posts ?? [];
    const filtered = this.blog ? filterPosts(all, this.query) : [];
    // A language filter lists each version; otherwise translations fold into one entry,
    // shown in the site's main language.
    const byLanguage = this.query.trim().toLowerCase().startsWith("lang:");
    const entries: Entry[] = byLanguage ? filtered.map((post) => ({ post, versions: [] })) : foldTranslations(filtered, mainLanguage(all), this.active);
    const posts = entries.map((e) => e.post);
    const languages = this.blog?.languages.map((l) => l.code) ?? [];
    const items: (() => HTMLElement)[] = entries.map(
      (e) => () => this.item(e.post, e.versions, this.showMissing && !byLanguage ? missingLanguages(e.post, all, languages) : []),
    );
    const shown = new Set(posts.map((p) => p.path));
    const more = this.hits.filter((hit) => !shown.has(hit.path));
    if (more.length) {
      items.push(() => h("li", { class: "list-heading" }, t("library.inText", { count: more.length })));
      for (const hit of more) items.push(() => this.hitItem(hit));
    }
    // Built at once: the first entries, and as many as the user had scrolled past (the list
    // keeps its place when built again: after a save, a change on disk, a search).
    const top = this.scrolled;
    const first = items.slice(0, Math.max(FIRST_ENTRIES, top > 0 ? this.entriesAbove(top + this.list.clientHeight) + 20 : 0)).map((item) => item());
    this.list.replaceChildren(...(first.length ? first : [h("li", { class: "empty" }, t("library.empty"))]));
    if (top > 0) this.list.scrollTop = top;
    this.appendLater(items, first.length, version);
    const c = countPosts(all);
    const counted = countLanguages(all)
      .map(([lang, n]) => `${languageBadge(lang)} ${n}`)
      .join(" · ");
    this.counts.textContent = [t("library.postCount", { count: c.posts }), t("library.draftCount", { count: c.drafts }), counted].filter(Boolean).join(" · ");
    this.missingLabel.textContent = t("library.missing");
    (this.missingLabel.parentElement as HTMLElement).hidden = languages.length < 2;
  }

  /**
   * Adds `items` from `from` on, a slice of about `SLICE_MS` at a time between other work, as
   * long as the list is the one of `version`.
   */
  private appendLater(items: (() => HTMLElement)[], from: number, version: number): void {
    this.building = from < items.length;
    if (!this.building) return;
    setTimeout(() => {
      if (version !== this.listVersion) return;
      const start = performance.now();
      let i = from;
      const slice: HTMLElement[] = [];
      while (i < items.length && (i - from < 20 || performance.now() - start < SLICE_MS)) slice.push(items[i++]());
      this.list.append(...slice);
      this.appendLater(items, i, version);
    }, 0);
  }

  private hitItem(hit: Hit): HTMLElement {
    const open = () => this.callbacks.onOpenPost(hit.path);
    return h(
      "li",
      {
        class: `post hit${hit.path === this.active ? " active" : ""}`,
        role: "option",
        "data-path": hit.path,
        tabindex: "0",
        title: hit.path,
        onclick: open,
        onkeydown: (e) => {
          if ((e as KeyboardEvent).key === "Enter") open();
        },
      },
      h("div", { class: "post-title" }, hit.title || hit.path),
      h("div", { class: "snippet" }, hit.snippet),
    );
  }

  private item(p: Post, versions: Entry["versions"] = [], missing: string[] = []): HTMLElement {
    const badges: HTMLElement[] = [];
    // One badge per language version; a click opens that one.
    for (const v of versions) {
      badges.push(
        h(
          "button",
          {
            class: `badge lang${v.path === p.path ? " current" : ""}`,
            "data-lang": v.lang,
            "data-path": v.path,
            title: v.path,
            onclick: (e) => {
              e.stopPropagation();
              this.callbacks.onOpenPost(v.path);
            },
          },
          languageBadge(v.lang),
        ),
      );
    }
    // A language it has no version in: a click starts the translation.
    for (const lang of missing) {
      badges.push(
        h(
          "button",
          {
            class: "badge lang missing",
            "data-lang": lang,
            title: t("library.missingOne", { lang: languageBadge(lang) }),
            "aria-label": t("library.missingOne", { lang: languageBadge(lang) }),
            onclick: (e) => {
              e.stopPropagation();
              this.callbacks.onTranslate(p.path, lang);
            },
          },
          `${languageBadge(lang)}?`,
        ),
      );
    }
    if (p.error) badges.push(h("span", { class: "badge error", title: p.error }, t("badge.error")));
    else if (p.status === "draft") badges.push(h("span", { class: "badge draft" }, t("badge.draft")));
    else if (p.status === "scheduled") badges.push(h("span", { class: "badge scheduled", title: p.publish_date ?? "" }, t("badge.scheduled")));
    else if (p.status === "expired") badges.push(h("span", { class: "badge expired" }, t("badge.expired")));
    if (this.dirty.has(p.path)) badges.push(h("span", { class: "badge unsaved", title: t("badge.unsaved") }, "●"));
    const meta = [shortDate(p.date), p.error ? "" : t("status.words", { words: p.words })].filter(Boolean).join(" · ");
    const active = p.path === this.active || versions.some((v) => v.path === this.active);
    return h(
      "li",
      {
        class: `post${active ? " active" : ""}`,
        role: "option",
        "data-path": p.path,
        "aria-selected": p.path === this.active ? "true" : "false",
        tabindex: "0",
        title: p.path,
        onclick: () => this.callbacks.onOpenPost(p.path),
        onkeydown: (e) => {
          if ((e as KeyboardEvent).key === "Enter") this.callbacks.onOpenPost(p.path);
        },
      },
      h("div", { class: "post-title" }, p.title || p.path),
      h("div", { class: "post-meta" }, meta, ...badges),
      p.tags.length ? h("div", { class: "post-tags" }, p.tags.map((tag) => `#${tag}`).join(" ")) : null,
    );
  }
}
