//! The open blog: opening one (at start, from the library, a second launch, a clone) once the
//! open one's unsaved posts are dealt with, back where the user left it; and its post list,
//! which follows saves, operations on files and edits made outside the app.

import type { Journal } from "../buffer/journal";
import type { OpenPost, OpenPosts } from "../buffer/posts";
import type { UnsavedDialog } from "../dialogs/unsaved";
import type { Editor } from "../editor/editor";
import type { FrontMatterForm } from "../frontmatter/form";
import { t } from "../i18n";
import type { BlogChanged, BlogInfo, Changed, Handover, Post, Recovered } from "../ipc";
import type { Panes } from "../layout/panes";
import type { Library } from "../library/library";
import type { Outline } from "../library/outline";
import type { PublishPanel } from "../publish/panel";
import type { StatusBar } from "../status/statusbar";
import type { SideBySide } from "../translate/sidebyside";

/** The areas that show the open blog, and what keeps its unsaved posts. */
export interface SessionAreas {
  editor: Pick<Editor, "restore">;
  library: Pick<Library, "setBlog" | "setPosts" | "setRecent">;
  form: Pick<FrontMatterForm, "setVocabulary">;
  sideBySide: Pick<SideBySide, "hide" | "setPost">;
  status: Pick<StatusBar, "setNotice">;
  panes: Pick<Panes, "remember" | "leave" | "load">;
  publishPanel: Pick<PublishPanel, "reset">;
  outline: Pick<Outline, "clear">;
  unsaved: Pick<UnsavedDialog, "settle">;
  journal: Pick<Journal<OpenPost>, "whole" | "forget">;
}

/** What the open blog needs of the window and of the core. */
export interface SessionHost {
  /** Asks for a blog's folder; null when the user cancelled. */
  pick(): Promise<string | null>;
  /** Opens the blog at `root` in the core. */
  open(root: string): Promise<BlogInfo>;
  /** What a second launch asked for, taken once; null when nothing is waiting. */
  handover(): Promise<Handover | null>;
  /** The blogs opened lately. */
  recent(): Promise<string[]>;
  /** The open blog's posts, read again (`changedOnly`: only the files that changed). */
  list(changedOnly?: boolean): Promise<Post[]>;
  /** Closes the window. */
  closeWindow(): Promise<unknown>;
  /** Records a moment of the start. */
  startMark(name: string): void;
  /** The window's title names the blog. */
  title(): void;
  /** Offers what a crash left in the journal (`pending`); the path of a post restored, or null. */
  recover(pending: Promise<Recovered[]>): Promise<string | null>;
  /** The journal's texts that differ from their files (see buffer/recovery.ts). */
  pending(): Promise<Recovered[]>;
  /** Saves `p`; false when the save failed. */
  save(p: OpenPost): Promise<boolean>;
  /** The file of `path` changed (or moved to `movedTo`): its buffer follows or asks. */
  reconcile(path: string, movedTo: string | null): Promise<void>;
}

export class BlogSession {
  private blog: BlogInfo | null = null;
  /** Files changed on disk before the first blog was shown: its list is read again then. */
  private changedBeforeShown = false;
  /** The blog being opened or switched to: the next waits for it (see `inTurn`). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: SessionHost,
    private readonly posts: OpenPosts,
    private readonly areas: SessionAreas,
  ) {}

  /** The open blog (read afresh each time: another may open across an await). */
  get info(): BlogInfo | null {
    return this.blog;
  }

  /** The one place the open blog's post list changes: the library shows what `blog` holds. */
  setPosts(posts: Post[]): void {
    if (!this.blog) return;
    this.blog = { ...this.blog, posts };
    this.areas.library.setPosts(posts);
    this.areas.sideBySide.setPost(this.blog.languages, this.posts.current?.post ?? null, posts);
  }

  /** Why the site will not show this post although it is not a draft. */
  postNotice(post: Post): string {
    const generator = this.blog?.generator ?? "hugo";
    if (post.status === "scheduled") return t("warn.scheduled", { date: (post.publish_date ?? post.date ?? "").slice(0, 16), generator });
    if (post.status === "expired") return t("warn.expired", { generator });
    return "";
  }

  /** A post was saved: the list takes the post as the core read it back. */
  saved(post: Post): void {
    if (this.blog) {
      const listed = this.blog.posts.find((x) => x.path === post.path);
      // A post read alone knows no translations (Hugo's language and address come from the
      // whole listing): the listing's stay until it is read again.
      const merged = listed ? { ...post, lang: post.lang ?? listed.lang, translations: listed.translations, url: post.url ?? listed.url } : post;
      this.setPosts(listed ? this.blog.posts.map((x) => (x.path === post.path ? merged : x)) : [post, ...this.blog.posts]);
    }
  }

  /** Files changed on disk by an operation: the library follows, clean open posts reload. */
  async applyChanged(result: Changed): Promise<void> {
    if (!this.blog) return;
    const { library, sideBySide, form } = this.areas;
    this.blog = { ...this.blog, tags: result.tags, categories: result.categories, posts: result.posts };
    library.setBlog(this.blog);
    sideBySide.setPost(this.blog.languages, this.posts.current?.post ?? null, this.blog.posts);
    form.setVocabulary(this.blog.tags.map((x) => x.name), this.blog.categories.map((x) => x.name));
    await this.posts.reload(result.paths);
  }

  /** Opens the blog `load` gives, and in it the post to show first, once the blog being
   * opened before it is shown. */
  load(load: () => Promise<BlogInfo>): Promise<void> {
    return this.inTurn(() => this.loadNow(load));
  }

  /** Runs `f` once every blog opening asked for before it has ended (failed ones too): two
   * never interleave, so the blog shown last is the one asked for last, with its own posts
   * (a second launch while the first blog still loads, a recent blog clicked meanwhile). */
  private inTurn<T>(f: () => Promise<T>): Promise<T> {
    const next = this.turn.then(f, f);
    this.turn = next.catch(() => undefined);
    return next;
  }

  private async loadNow(load: () => Promise<BlogInfo>): Promise<void> {
    const { editor, library, form, sideBySide, status, panes, publishPanel, outline } = this.areas;
    // Where the open blog was left, saved while it is still the open one.
    panes.remember();
    try {
      this.blog = await load();
    } catch (e) {
      status.setNotice(t("error.open", { error: (e as Error).message }));
      return;
    }
    panes.leave();
    this.host.startMark("blog");
    publishPanel.reset();
    outline.clear();
    this.posts.clear();
    sideBySide.hide();
    sideBySide.setPost(this.blog.languages, null, this.blog.posts);
    library.setBlog(this.blog);
    if (this.changedBeforeShown) {
      this.changedBeforeShown = false;
      void this.diskChanged({ paths: [], renamed: [] });
    }
    this.host.title();
    form.setVocabulary(this.blog.tags.map((x) => x.name), this.blog.categories.map((x) => x.name));
    // Both asked at once: each is a round trip to a core whose answers wait, at start, for the
    // page's first layout and paint.
    const recent = this.host.recent().catch(() => []);
    const pending = this.host.pending().catch(() => []);
    library.setRecent(await recent);
    if (this.blog.notice) status.setNotice(t("library.aloneConfig", { error: this.blog.notice }));
    // The window is usable now; a recovery question may follow.
    document.body.dataset.ready = "true";
    const restored = await this.host.recover(pending);
    const place = panes.load(this.blog.root);
    const left = place.post && this.blog.posts.some((p) => p.path === place.post) ? place.post : null;
    const first = this.blog.open ?? restored ?? left ?? this.blog.posts.find((p) => !p.error)?.path;
    if (first) await this.posts.open(first);
    // Back where the user left it: the caret, and the line at the top.
    if (first && first === left && this.shownPath() === left) editor.restore(place.caret, place.top);
  }

  /** The open post's path (a function: TypeScript would narrow it after an await). */
  private shownPath(): string | null {
    return this.posts.current?.path ?? null;
  }

  /** Asks for a blog's folder and opens it. */
  async choose(): Promise<void> {
    let folder: string | null;
    try {
      folder = await this.host.pick();
    } catch (e) {
      this.areas.status.setNotice(t("error.open", { error: (e as Error).message }));
      return;
    }
    if (folder) await this.switchTo(() => this.host.open(folder));
  }

  /** Opens the blog `make` makes (a clone) in turn with the other openings, once the open
   * blog's unsaved posts are settled: false when the user kept them open. What `make` throws
   * is thrown, and the open blog stays. */
  openMade(make: () => Promise<BlogInfo>): Promise<boolean> {
    return this.inTurn(async () => {
      if (!(await this.settleUnsaved())) return false;
      const made = await make();
      await this.loadNow(async () => made);
      return true;
    });
  }

  /** Opens another blog once the open one's unsaved posts are dealt with. */
  switchTo(load: () => Promise<BlogInfo>): Promise<void> {
    return this.inTurn(async () => {
      if (await this.settleUnsaved()) await this.loadNow(load);
    });
  }

  /** Before unsaved posts are left behind (see `UnsavedDialog.settle`); true to go on. */
  settleUnsaved(): Promise<boolean> {
    const journal = this.areas.journal;
    return this.areas.unsaved.settle(this.posts.dirty(), {
      journal: (p) => journal.whole(p),
      discard: async (p) => {
        // Nothing more to journal for it: the user discarded it.
        p.saved = this.posts.fullText(p);
        await journal.forget(p);
      },
      save: (p) => this.host.save(p),
    });
  }

  /** A second launch (`inkstone-app PATH`, the file manager's Open with) handed its path to
   * this window: the post opens here, in its blog, once the open blog's unsaved posts are
   * settled. Taken from the core in turn with the blog openings (the first one included), so
   * a launch made while the window starts opens after its first blog, not into it. */
  handover(): Promise<void> {
    return this.inTurn(async () => {
      const handed = await this.host.handover().catch((e: unknown) => ({ root: null, post: null, error: (e as Error).message }));
      if (!handed) return;
      const { root, post, error } = handed;
      if (error) return this.areas.status.setNotice(t("error.open", { error }));
      if (!root) return;
      // A file opened alone is named by its own path, its blog's root by its folder.
      if (!this.blog || (root !== this.blog.root && root !== this.blog.alone)) {
        if (await this.settleUnsaved()) await this.loadNow(() => this.host.open(root).then((info) => ({ ...info, open: post })));
      } else if (post) {
        await this.posts.open(post);
      }
    });
  }

  /** The window is closing (or the app quitting). If settling fails, the window closes
   * anyway: the text is in the journal by then. */
  async close(): Promise<void> {
    const go = await this.settleUnsaved().catch((e: unknown) => (console.error(e), true));
    if (go) {
      this.areas.panes.remember();
      await this.host.closeWindow();
    }
  }

  /** Edits made outside the app: the watcher names the files; each open post is compared with
   * its file by content (buffer/disk.ts). */
  async diskChanged(change: BlogChanged): Promise<void> {
    if (!this.blog) {
      this.changedBeforeShown = true;
      return;
    }
    this.setPosts(await this.host.list(true).catch(() => this.blog?.posts ?? []));
    const movedTo = new Map(change.renamed.map(([from, to]) => [from, to]));
    for (const path of change.paths) {
      if (this.posts.has(path)) await this.host.reconcile(path, movedTo.get(path) ?? null);
    }
  }

  /** The remote's commits changed files on disk: reload the list, and the open post if clean. */
  async reloadAfterPull(): Promise<void> {
    this.setPosts(await this.host.list());
    const p = this.posts.current;
    if (!p || this.posts.isDirty(p)) return;
    this.posts.drop(p);
    await this.posts.open(p.path);
  }
}
