//! The posts open in the editor: each one's front matter as typed and what its file holds (the
//! editor keeps the bodies), which one is shown, whether it has unsaved text, and what follows
//! when one opens, changes, is replaced (recovered, reloaded, merged), has a front-matter field
//! set, or loses its file.

import type { ChangeSet } from "@codemirror/state";
import type { FrontMatterForm } from "../frontmatter/form";
import { t } from "../i18n";
import type { BlogInfo, Changed, Document, FieldValue, Post } from "../ipc";
import type { Library } from "../library/library";
import type { PreviewPipeline } from "../preview/pipeline";
import type { StatusBar } from "../status/statusbar";
import type { SideBySide } from "../translate/sidebyside";
import type { Journal } from "./journal";

/** A post being edited: its head (front matter) and what is on disk. */
export interface OpenPost {
  path: string;
  head: string;
  fm: Record<string, unknown>;
  saved: string;
  post: Post;
  rawDate: string;
  /** The text of a save in flight: its echo from the file watcher is not a change. */
  saving?: string;
  /** Front-matter edits, applied one after another, each on the head the last one left. */
  fields?: Promise<void>;
}

/** The line of a post's file where its body starts: the front matter's lines come first. */
export function bodyLine(head: string): number {
  let n = 1;
  for (const c of head) if (c === "\n") n++;
  return n;
}

/** The editor as the open posts use it: it keeps each post's body (see `Editor`). */
export interface Bodies {
  /** The body of `path`; null when it was never shown. */
  textOf(path: string): string | null;
  /** Its length in UTF-16 units without building it; null when never shown. */
  lengthOf(path: string): number | null;
  /** Shows `path`: its kept body, else `body`. */
  show(path: string, body: string): void;
  /** Replaces the body of `path`, dropping its history. */
  reset(path: string, body: string): void;
  /** Drops the kept body of `path`. */
  forget(path: string): void;
  /** Puts the caret at the start of the shown body's line `line`, in view. */
  goToLine(line: number): void;
}

/** The areas an open post shows in, and what follows its changes. */
export interface PostsAreas {
  editor: Bodies;
  library: Pick<Library, "setActive" | "setDirty">;
  form: Pick<FrontMatterForm, "show" | "setHead">;
  sideBySide: Pick<SideBySide, "pair" | "hide" | "setPost" | "edited">;
  status: Pick<StatusBar, "setSave" | "setNotice" | "flash">;
  /** The crash journal: it takes the shown post's changes, and journals a post soon. */
  journal: Pick<Journal<OpenPost>, "changed" | "schedule">;
  /** The preview: it takes the shown post's changes, and renders it again. */
  pipeline: Pick<PreviewPipeline<OpenPost>, "changed" | "schedule">;
}

/** What the open posts need of the window and of the core. */
export interface PostsHost {
  /** The open blog (its generator, languages and posts). */
  blog(): BlogInfo | null;
  /** Reads a post's file, split into front matter and body. */
  read(path: string): Promise<Document>;
  /** Splits `text` into front matter and body by the blog's rules. */
  split(path: string, text: string): Promise<Document>;
  /** `head` with the front-matter key `key` set to `value`. */
  setField(head: string, key: string, value: FieldValue): Promise<string>;
  /** Moves a post into or out of the drafts folder (Jekyll, Hexo). */
  moveDraft(path: string, draft: boolean): Promise<Changed>;
  /** Saves `p`; false when the save failed. */
  save(p: OpenPost): Promise<boolean>;
  /** Files an operation changed: the blog and the open posts follow. */
  applyChanged(result: Changed): Promise<void>;
  /** Records a moment of the start. */
  startMark(name: string): void;
  /** Remembers soon where the user is (the post shown). */
  rememberSoon(): void;
  /** The window's title follows the shown post and its unsaved state. */
  title(dirty: boolean): void;
}

export class OpenPosts {
  private readonly byPath = new Map<string, OpenPost>();
  private shown: OpenPost | null = null;

  constructor(
    private readonly host: PostsHost,
    private readonly areas: PostsAreas,
  ) {}

  /** The post shown in the editor (read afresh each time: it changes across awaits). */
  get current(): OpenPost | null {
    return this.shown;
  }

  get(path: string): OpenPost | undefined {
    return this.byPath.get(path);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** The open posts with unsaved text. */
  dirty(): OpenPost[] {
    return [...this.byPath.values()].filter((p) => this.isDirty(p));
  }

  /** Another blog opens: no post is open any more. */
  clear(): void {
    this.byPath.clear();
    this.shown = null;
  }

  /** Drops `p` (the shown post), to be opened again from its file. */
  drop(p: OpenPost): void {
    this.byPath.delete(p.path);
    if (this.shown === p) this.shown = null;
  }

  fullText(p: OpenPost): string {
    return p.head + (this.areas.editor.textOf(p.path) ?? "");
  }

  isDirty(p: OpenPost): boolean {
    // Typing changes the length: no need to build and compare a long text on every keystroke.
    const length = this.areas.editor.lengthOf(p.path);
    if (length !== null && p.head.length + length !== p.saved.length) return true;
    return this.fullText(p) !== p.saved;
  }

  markDirty(): void {
    if (this.shown) this.refreshDirty(this.shown);
  }

  refreshDirty(p: OpenPost): void {
    const { library, status, journal } = this.areas;
    const dirty = this.isDirty(p);
    library.setDirty(p.path, dirty);
    if (p === this.shown) {
      status.setSave({ kind: dirty ? "dirty" : "saved" });
      this.host.title(dirty);
    }
    journal.schedule(p);
  }

  /** The shown post changed: by the editor (`changes`), or in its front matter. */
  changed(changes?: ChangeSet): void {
    const { sideBySide, journal, pipeline } = this.areas;
    if (this.shown) journal.changed(this.shown, changes);
    pipeline.changed(changes);
    sideBySide.edited();
    this.markDirty();
    pipeline.schedule();
  }

  /** Shows `path` in the editor (read from its file unless it is open already). */
  async open(path: string): Promise<void> {
    const { editor, library, form, sideBySide, status, pipeline } = this.areas;
    if (this.shown?.path === path) return;
    // Side by side is for one translation and its original.
    if (sideBySide.pair?.translation !== path) sideBySide.hide();
    let p = this.byPath.get(path);
    if (!p) {
      try {
        const doc = await this.host.read(path);
        const date = doc.front_matter["date"];
        p = { path, head: doc.head, fm: doc.front_matter as Record<string, unknown>, saved: doc.head + doc.body, post: doc.post, rawDate: typeof date === "string" ? date : "" };
        editor.forget(path);
        this.host.startMark("post");
        editor.show(path, doc.body);
        this.byPath.set(path, p);
      } catch (e) {
        status.setNotice(t("error.open", { error: (e as Error).message }));
        return;
      }
    } else {
      editor.show(path, "");
    }
    this.shown = p;
    this.host.rememberSoon();
    library.setActive(path);
    const blog = this.host.blog();
    sideBySide.setPost(blog?.languages ?? [], p.post, blog?.posts ?? []);
    form.show(p.post, blog?.generator ?? "hugo", p.rawDate, p.fm, p.head);
    this.markDirty();
    pipeline.schedule();
  }

  /** Opens a post with line `line` of its file at the top of the editor, the caret on it. */
  async openAt(path: string, line: number): Promise<void> {
    await this.open(path);
    const p = this.shown;
    if (!p || p.path !== path) return;
    const bodyLineNo = Math.max(1, line - bodyLine(p.head) + 1);
    this.areas.editor.goToLine(bodyLineNo);
  }

  /** Open posts whose files an operation changed: clean ones are read again, unsaved ones
   * are left as they are (and named). */
  async reload(paths: string[]): Promise<void> {
    for (const path of paths) {
      const p = this.byPath.get(path);
      if (!p) continue;
      if (this.isDirty(p)) {
        this.areas.status.setNotice(t("terms.openDirty", { path }));
        continue;
      }
      this.byPath.delete(path);
      if (this.shown === p) {
        this.shown = null;
        await this.open(path);
      }
    }
  }

  /** Shows the form and preview of the open post after its buffer was replaced. */
  private showCurrent(p: OpenPost): void {
    this.areas.form.show(p.post, this.host.blog()?.generator ?? "hugo", p.rawDate, p.fm, p.head);
    this.markDirty();
    this.areas.pipeline.schedule();
  }

  /**
   * Makes the buffer of `path` hold `text` (a recovered, reloaded or merged version), split into
   * front matter and body by the blog's rules; `saved` is what the file holds. Text whose front
   * matter does not parse goes whole into the editor, so nothing is dropped.
   */
  async setBuffer(path: string, text: string, saved: string): Promise<OpenPost | null> {
    let doc: Document | null = null;
    try {
      doc = await this.host.split(path, text);
    } catch {
      doc = null;
    }
    const post = doc?.post ?? this.byPath.get(path)?.post ?? this.host.blog()?.posts.find((x) => x.path === path);
    if (!post) {
      this.areas.status.flash(t("recover.failed", { path, error: t("error.frontMatter", { error: "?" }) }));
      return null;
    }
    const date = doc?.front_matter["date"];
    const p: OpenPost = {
      path,
      head: doc ? doc.head : "",
      fm: (doc?.front_matter ?? {}) as Record<string, unknown>,
      saved,
      post,
      rawDate: typeof date === "string" ? date : "",
    };
    this.areas.editor.reset(path, doc ? doc.body : text);
    this.byPath.set(path, p);
    if (this.shown?.path === path) {
      this.shown = p;
      this.showCurrent(p);
    } else {
      this.refreshDirty(p);
    }
    return p;
  }

  /** The file of an open post was deleted or moved outside the app. */
  async lost(p: OpenPost, movedTo: string | null): Promise<void> {
    const status = this.areas.status;
    if (movedTo && !this.isDirty(p)) {
      this.byPath.delete(p.path);
      if (this.shown === p) {
        this.shown = null;
        await this.open(movedTo);
      }
      status.flash(t("external.followed", { path: p.path, to: movedTo }));
      return;
    }
    p.saved = "";
    this.refreshDirty(p);
    status.flash(movedTo ? t("external.moved", { path: p.path, to: movedTo }) : t("external.deleted", { path: p.path }));
  }

  /** Edits one front-matter key. Edits queue per post: two quick keystrokes in the form never
   * both start from the same head (the second would undo the first). */
  setField(key: string, value: FieldValue): Promise<void> {
    const p = this.shown;
    if (!p) return Promise.resolve();
    const blog = this.host.blog();
    if (key === "draft" && value.kind === "bool" && blog && blog.generator !== "hugo") {
      // Jekyll and Hexo keep drafts in their own folder: the file moves (after the edits
      // already queued; not inside the queue, since moving saves and a save waits for it).
      const draft = value.value;
      return (p.fields ?? Promise.resolve()).then(() => this.moveDraft(p, draft));
    }
    const run = async () => {
      try {
        p.head = await this.host.setField(p.head, key, value);
        if (this.shown === p) this.areas.form.setHead(p.head);
        if (this.shown === p) this.changed();
        else this.refreshDirty(p);
      } catch (e) {
        this.areas.status.setNotice(t("error.frontMatter", { error: (e as Error).message }));
      }
    };
    p.fields = (p.fields ?? Promise.resolve()).then(run);
    return p.fields;
  }

  private async moveDraft(p: OpenPost, draft: boolean): Promise<void> {
    if (this.isDirty(p) && !(await this.host.save(p))) return;
    try {
      const result = await this.host.moveDraft(p.path, draft);
      this.byPath.delete(p.path);
      this.shown = null;
      await this.host.applyChanged(result);
      await this.open(result.paths[0] ?? p.path);
    } catch (e) {
      this.areas.status.setNotice(t("error.open", { error: (e as Error).message }));
    }
  }
}
