//! Autosave for crashes: an unsaved buffer is copied to the app's journal at most ~0.7 s after
//! a change (a throttle, so minutes of steady typing are journaled too), and forgotten once
//! the file holds it. The next start offers what the journal still has.
//!
//! While typing in a long post the journal is sent the editor's changes since its last text,
//! as the preview is, not the whole post: a megabyte of IPC every 0.7 s is a megabyte copied
//! on the main thread, between two keystrokes.

import type { ChangeSet } from "@codemirror/state";
import { textChanges } from "../editor/changes";
import type { TextEdit } from "../ipc";

/** A buffer: its file's path and its front matter as typed (the editor holds the body). */
export interface Buffer {
  path: string;
  head: string;
}

/** What the journal needs of the window and of the core. */
export interface JournalHost<B extends Buffer> {
  /** The buffer is still open (not closed or replaced by another object). */
  isOpen(b: B): boolean;
  /** The buffer is the one in the editor, whose changes `changed` reports. */
  isShown(b: B): boolean;
  isDirty(b: B): boolean;
  /** The whole text: front matter and body. */
  fullText(b: B): string;
  /** The body's length in UTF-16 code units. */
  bodyLength(b: B): number;
  /** Counts the editor's wholesale replacements of its text (not edits). */
  generation(): number;
  /** The editor's line breaks are LF only (its changes' offsets are the file's). */
  lfOnly(): boolean;
  write(path: string, text: string): Promise<number>;
  /** Fails with code `journal_stale` when the journal does not hold `edit.base`. */
  edit(path: string, edit: TextEdit): Promise<number>;
  clear(path: string): Promise<void>;
  failed(error: Error): void;
}

/**
 * The text the journal holds of a buffer: its `version` (null until the write that holds it
 * answers), the head and editor generation it was made with, and the editor's changes since.
 */
interface Held {
  version: number | null;
  head: string;
  generation: number;
  since: ChangeSet | null;
}

export class Journal<B extends Buffer> {
  /** By buffer: a buffer replaced (reloaded, merged, restored) is a new object with its own. */
  private readonly timers = new Map<B, ReturnType<typeof setTimeout>>();
  private readonly held = new WeakMap<B, Held>();
  /** The write in flight of a buffer (settled: it never rejects). */
  private readonly inflight = new WeakMap<B, Promise<void>>();

  constructor(
    private readonly host: JournalHost<B>,
    private readonly delay = 700,
  ) {}

  /** The shown buffer changed: by the editor (`changes`), or in its front matter. */
  changed(b: B, changes?: ChangeSet): void {
    const h = this.held.get(b);
    if (!h) return;
    if (changes) h.since = h.since ? h.since.compose(changes) : changes;
    // The front matter changed: the next text is sent whole.
    else this.held.delete(b);
  }

  /** Journals `b` soon (or forgets it, when its file holds it). */
  schedule(b: B): void {
    if (this.timers.has(b)) return;
    this.timers.set(
      b,
      setTimeout(() => {
        this.timers.delete(b);
        if (!this.host.isOpen(b)) return;
        // One write at a time: the next builds on the version this one returns.
        if (this.inflight.has(b)) return this.schedule(b);
        const run = this.now(b).catch((e: unknown) => this.host.failed(e as Error));
        this.inflight.set(b, run);
        void run.finally(() => this.inflight.delete(b));
      }, this.delay),
    );
  }

  /** The file holds the text now, or the user discarded it: the journal forgets it (after the
   * write in flight, which would otherwise bring it back). */
  async forget(b: B): Promise<void> {
    await this.inflight.get(b);
    this.held.delete(b);
    return this.host.clear(b.path);
  }

  /** Journals the whole text now (the window is closing), after the write in flight. */
  async whole(b: B): Promise<void> {
    await this.inflight.get(b);
    this.held.delete(b);
    await this.host.write(b.path, this.host.fullText(b));
  }

  private async now(b: B): Promise<void> {
    const host = this.host;
    if (!host.isDirty(b)) {
      this.held.delete(b);
      return host.clear(b.path);
    }
    const h = this.held.get(b);
    const generation = host.generation();
    if (h && h.version !== null && host.isShown(b) && h.head === b.head && h.generation === generation && host.lfOnly()) {
      const edit: TextEdit = {
        base: h.version,
        changes: h.since ? textChanges(h.since, b.head.length) : [],
        length: b.head.length + host.bodyLength(b),
      };
      // Changes from now on count from the text this edit makes.
      h.since = null;
      h.version = null;
      try {
        h.version = await host.edit(b.path, edit);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== "journal_stale") {
          this.held.delete(b);
          throw e;
        }
        // The core lost the text (it was saved meanwhile, say): whole, if still unsaved.
        this.held.delete(b);
        if (!host.isOpen(b)) return;
        if (!host.isDirty(b)) return host.clear(b.path);
      }
    }
    // The whole text; the editor's changes from now on count from it.
    const fresh: Held = { version: null, head: b.head, generation, since: null };
    if (host.isShown(b)) this.held.set(b, fresh);
    else this.held.delete(b);
    try {
      fresh.version = await host.write(b.path, host.fullText(b));
    } catch (e) {
      if (this.held.get(b) === fresh) this.held.delete(b);
      throw e;
    }
  }
}
