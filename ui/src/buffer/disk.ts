//! Edits made outside the app (another editor's save, a `git pull`): each open post is
//! compared with its file by content, so our own saves, read back equal, are no news. A clean
//! buffer takes the file; one with unsaved text asks, showing both, and never loses either.

import type { CompareRequest } from "../dialogs/compare";
import { t } from "../i18n";

/** A buffer as the comparison sees it. */
export interface OnDisk {
  path: string;
  /** What the file held when the buffer was loaded or last saved. */
  saved: string;
  /** The text of a save in flight: its echo from the file watcher is not a change. */
  saving?: string;
}

/** What the comparison needs of the window and of the core. */
export interface DiskHost<P extends OnDisk> {
  /** The open buffer of `path`. */
  get(path: string): P | undefined;
  /** The file's text now; null when it is gone. Throws when it cannot be read (mid-write). */
  read(path: string): Promise<string | null>;
  fullText(p: P): string;
  /** The buffer's saved state changed: the library, title and status bar follow. */
  refresh(p: P): void;
  /** The buffer of `path` holds `text` now, and its file `saved`. */
  replace(path: string, text: string, saved: string): Promise<unknown>;
  /** The file was deleted, or moved to `movedTo`. */
  lost(p: P, movedTo: string | null): Promise<void>;
  /** A clean buffer took the file's new text. */
  reloaded(path: string): void;
  /** Asks which text to keep; `right` is the user's (possibly merged) text. */
  ask(path: string, disk: string, mine: string): Promise<{ choice: string | null; right: string }>;
}

export class DiskWatch<P extends OnDisk> {
  private readonly running = new Set<string>();

  constructor(private readonly host: DiskHost<P>) {}

  /** The file of `path` changed (or moved to `movedTo`): the buffer follows or asks. */
  async reconcile(path: string, movedTo: string | null): Promise<void> {
    const host = this.host;
    if (this.running.has(path)) return; // the running round re-reads the file before it ends
    this.running.add(path);
    try {
      // Again while the file keeps changing under an open question (bounded).
      for (let round = 0; round < 5; round++) {
        const p = host.get(path);
        if (!p) return;
        let disk: string | null;
        try {
          disk = await host.read(path);
        } catch {
          return; // unreadable mid-write: the writer's next event brings us back
        }
        if (disk === null) return host.lost(p, movedTo);
        if (disk === p.saved || disk === p.saving) return;
        const mine = host.fullText(p);
        if (mine === disk) {
          p.saved = disk;
          host.refresh(p);
          return;
        }
        if (mine === p.saved) {
          await host.replace(path, disk, disk);
          host.reloaded(path);
          return;
        }
        const answer = await host.ask(path, disk, mine);
        if (host.get(path) !== p) return;
        if (answer.choice === "take") await host.replace(path, disk, disk);
        else if (answer.right !== mine) await host.replace(path, answer.right, disk);
        else {
          p.saved = disk;
          host.refresh(p);
        }
      }
    } finally {
      this.running.delete(path);
    }
  }
}

/** The question `DiskHost.ask` puts in the compare dialog: the file's text beside the user's,
 * to take the file's or keep the user's (which they may have merged). */
export function outsideEdit(path: string, disk: string, mine: string): CompareRequest {
  return {
    title: t("external.title", { path }),
    message: t("external.message"),
    left: { label: t("compare.disk"), text: disk },
    right: { label: t("compare.mine"), text: mine },
    choices: [
      { id: "take", label: t("external.take") },
      { id: "keep", label: t("external.keep"), primary: true },
    ],
    compare: false,
  };
}
