//! Images added to the open post: pasted, dropped on the window, or picked (*Insert image*).
//! The core stores them with the post and the editor gets their Markdown. A Hugo single-file
//! post becomes a bundle on the way: it is saved first, and reopened at its new path.

import type { BlogSession } from "../blog/session";
import type { OpenPost, OpenPosts } from "../buffer/posts";
import { t } from "../i18n";
import type { ImageAdded, Post } from "../ipc";
import type { StatusBar } from "../status/statusbar";
import type { Editor } from "./editor";

/** What adding images needs of the core. */
export interface ImagesHost {
  /** Stores pasted bytes as an image of the post at `path`. */
  paste(path: string, name: string, bytes: Uint8Array): Promise<ImageAdded>;
  /** Asks for image files and stores them with the post at `path`. */
  pick(path: string): Promise<ImageAdded[]>;
  /** Stores the files just dropped on the window with the post at `path`. */
  dropped(path: string): Promise<ImageAdded[]>;
  /** The open blog's posts, read again. */
  list(): Promise<Post[]>;
  /** Saves `p`; false when the save failed. */
  save(p: OpenPost): Promise<boolean>;
}

/** The areas adding images goes through. */
export interface ImagesAreas {
  posts: Pick<OpenPosts, "current" | "isDirty" | "drop" | "open">;
  session: Pick<BlogSession, "info" | "setPosts">;
  editor: Pick<Editor, "caret" | "posAt" | "forget" | "insertAt">;
  status: Pick<StatusBar, "flash" | "setNotice">;
}

export class Images {
  constructor(
    private readonly host: ImagesHost,
    private readonly areas: ImagesAreas,
  ) {}

  /** Image files pasted in the editor; false when the paste stays text (no post, or no blog). */
  paste(files: File[]): boolean {
    const { posts, session } = this.areas;
    // Beside a file opened alone there is no blog to store images in: the paste stays text.
    if (!posts.current || session.info?.alone) return false;
    void this.add(async (path) => {
      const out: ImageAdded[] = [];
      for (const f of files) {
        const added = await this.host.paste(path, f.name || `image.${f.type.split("/")[1] ?? "png"}`, new Uint8Array(await f.arrayBuffer()));
        out.push(added);
        path = added.post;
      }
      return out;
    });
    return true;
  }

  /** *Insert image*: the user picks the files. */
  insert(): void {
    void this.add((path) => this.host.pick(path));
  }

  /** Files dropped on the window at (`x`, `y`): added to the open post where they fell. */
  drop(x: number, y: number): void {
    if (!this.areas.posts.current) return;
    const at = this.areas.editor.posAt(x, y);
    void this.add((path) => this.host.dropped(path), at);
  }

  /**
   * Stores images for the open post (`run` is given its path) and inserts their Markdown at
   * `at` (default: the caret). A Hugo single-file post becomes a bundle on the way: the post is
   * saved first, and reopened at its new path with the caret where it was.
   */
  private async add(run: (path: string) => Promise<ImageAdded[]>, at?: number): Promise<void> {
    const { posts, session, editor, status } = this.areas;
    const p = posts.current;
    if (!p) return;
    if (session.info?.alone) {
      status.flash(t("image.alone"));
      return;
    }
    const pos = at ?? editor.caret();
    if (posts.isDirty(p) && !(await this.host.save(p))) return;
    let added: ImageAdded[];
    try {
      added = await run(p.path);
    } catch (e) {
      status.setNotice(t("image.failed", { error: (e as Error).message }));
      return;
    }
    if (!added.length) return;
    const moved = added.find((a) => a.moved_from);
    const last = added[added.length - 1];
    if (moved && posts.current === p) {
      posts.drop(p);
      editor.forget(p.path);
      session.setPosts(await this.host.list());
      await posts.open(last.post);
      status.flash(t("image.bundled", { from: p.path, to: last.post }));
    }
    if (posts.current?.path !== last.post) return;
    editor.insertAt(added.map((a) => a.markdown).join("\n"), pos);
    if (!moved) status.flash(t("image.added", { path: last.stored }));
  }
}
