//! Saving open posts: one save at a time, a save asked for while the same post's save waits
//! or runs is that same save (one shortcut, one question), and text typed during a save is
//! saved by the next. The core refuses to write over a file changed unseen, and asks before
//! a save empties a post or cuts it in half.

import type { Post } from "../ipc";
import { IpcError } from "../ipc";

/** A buffer as saving sees it. */
export interface Saved {
  path: string;
  /** What the file holds (what the buffer was loaded from, or last saved). */
  saved: string;
  post: Post;
  /** The text of a save in flight: its echo from the file watcher is not a change. */
  saving?: string;
  /** Front-matter edits still on their way. */
  fields?: Promise<void>;
}

/** What saving needs of the window and of the core. */
export interface SaveHost<P extends Saved> {
  fullText(p: P): string;
  isDirty(p: P): boolean;
  isShown(p: P): boolean;
  /** Writes the file, unless it no longer holds `expected` (`changed_on_disk`) or the text
   * would shrink it a lot without `force` (`would_shrink`). */
  write(path: string, text: string, force: boolean, expected: string): Promise<Post>;
  confirmShrink(path: string): Promise<boolean>;
  /** The file changed unseen: compare it with the buffer. */
  reconcile(path: string): Promise<void>;
  /** The buffer's saved state changed: the library, title and status bar follow. */
  refresh(p: P): void;
  /** The file now holds the text: the post list takes `post`, the journal forgets the text. */
  done(p: P, post: Post): Promise<void>;
  /** The status bar: saving, failed, or a notice for a post not shown. */
  saving(p: P): void;
  failed(p: P, error: string): void;
  changedOnDisk(p: P): void;
}

export class Saves<P extends Saved> {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<P, Promise<boolean>>();

  constructor(private readonly host: SaveHost<P>) {}

  /** Saves `p`; false when the save failed or was declined (the status bar says why). */
  save(p: P): Promise<boolean> {
    const existing = this.pending.get(p);
    // That save may have taken older text: once it is done, what was typed since is saved too.
    if (existing) return existing.then((ok) => (ok && this.host.isDirty(p) ? this.save(p) : ok));
    const next = this.queue.then(() => this.now(p)).finally(() => this.pending.delete(p));
    this.pending.set(p, next);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async now(p: P): Promise<boolean> {
    const host = this.host;
    // Form edits still on their way belong in this save.
    await p.fields;
    const text = host.fullText(p);
    if (host.isShown(p)) host.saving(p);
    p.saving = text;
    try {
      let post: Post;
      try {
        // `p.saved` is what the buffer was loaded from: the core refuses to write over a file
        // that no longer holds it, even when the watcher could not tell us it changed.
        post = await host.write(p.path, text, false, p.saved);
      } catch (e) {
        if (e instanceof IpcError && e.code === "changed_on_disk") {
          p.saving = undefined;
          host.refresh(p);
          await host.reconcile(p.path);
          host.changedOnDisk(p);
          return false;
        }
        // Emptying a post or cutting it in half is confirmed, never silent.
        if (!(e instanceof IpcError && e.code === "would_shrink")) throw e;
        if (!(await host.confirmShrink(p.path))) {
          host.refresh(p);
          return false;
        }
        post = await host.write(p.path, text, true, p.saved);
      }
      p.saved = text;
      p.post = post;
      await host.done(p, post);
      return true;
    } catch (e) {
      host.failed(p, (e as Error).message);
      return false;
    } finally {
      p.saving = undefined;
    }
  }
}
