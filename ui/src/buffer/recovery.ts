//! Crash recovery: unsaved text an earlier session left in the journal (buffer/journal.ts) is
//! offered at start, each post's against its file, in the compare dialog: restored into its
//! buffer (still unsaved), or discarded.

import type { CompareDialog } from "../dialogs/compare";
import { t } from "../i18n";
import type { Recovered } from "../ipc";
import type { OpenPosts } from "./posts";

/** What recovery needs of the core. */
export interface RecoveryHost {
  /** The journal's texts that differ from their files. */
  pending(): Promise<Recovered[]>;
  /** The journal forgets `path`. */
  clear(path: string): Promise<void>;
}

/** The areas recovery goes through: the compare dialog asks, the open posts take the text. */
export interface RecoveryAreas {
  compare: Pick<CompareDialog, "ask">;
  posts: Pick<OpenPosts, "setBuffer">;
}

export class Recovery {
  constructor(
    private readonly host: RecoveryHost,
    private readonly areas: RecoveryAreas,
  ) {}

  /** Offers each unsaved buffer a crash left in the journal (`pending`, asked for already, or
   * asked now); the path of one restored (the post to show first), or null. */
  async offer(asked?: Promise<Recovered[]>): Promise<string | null> {
    const host = this.host;
    const pending = await (asked ?? host.pending()).catch(() => []);
    let restored: string | null = null;
    for (const r of pending) {
      const answer = await this.areas.compare.ask({
        title: t("recover.title", { path: r.path }),
        message: t(r.disk === null ? "recover.deleted" : "recover.message"),
        left: { label: t("compare.disk"), text: r.disk ?? "" },
        right: { label: t("compare.mine"), text: r.text },
        choices: [
          { id: "discard", label: t("recover.discard") },
          { id: "restore", label: t("recover.restore"), primary: true },
        ],
        compare: true,
      });
      if (answer.choice === "restore" && (await this.areas.posts.setBuffer(r.path, answer.right, r.disk ?? ""))) restored = r.path;
      else if (answer.choice === "discard") await host.clear(r.path).catch(() => undefined);
    }
    return restored;
  }
}
