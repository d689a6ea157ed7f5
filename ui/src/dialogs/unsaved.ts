//! The question before unsaved posts would be left behind (closing the window, opening
//! another blog): Save all, Discard, or Cancel. Escape is Cancel.

import { h } from "../dom";
import { t } from "../i18n";

export type UnsavedChoice = "save" | "discard" | "cancel";

/** What settling does with each unsaved post. */
export interface Settling<P> {
  /** Copies its text to the journal. */
  journal: (p: P) => Promise<unknown>;
  /** Drops its changes (and their journal). */
  discard: (p: P) => Promise<unknown>;
  /** Saves it; false when that failed. */
  save: (p: P) => Promise<boolean>;
}

export class UnsavedDialog {
  private settling: Promise<boolean> | null = null;

  constructor(private readonly dialog: HTMLDialogElement) {}

  /** Deals with `dirty` before they are left behind: each is journaled first (a crash or a
   * killed session while the question is open loses nothing), then Save all / Discard /
   * Cancel. True when the caller may go on. One question at a time: asking again while it is
   * open waits for the same answer. */
  settle<P extends { path: string }>(dirty: P[], how: Settling<P>): Promise<boolean> {
    this.settling ??= this.settleNow(dirty, how).finally(() => {
      this.settling = null;
    });
    return this.settling;
  }

  private async settleNow<P extends { path: string }>(dirty: P[], how: Settling<P>): Promise<boolean> {
    if (dirty.length === 0) return true;
    await Promise.all(dirty.map((p) => how.journal(p).catch(() => undefined)));
    const choice = await this.ask(dirty.map((p) => p.path));
    if (choice === "cancel") return false;
    if (choice === "discard") {
      await Promise.all(dirty.map((p) => how.discard(p).catch(() => undefined)));
      return true;
    }
    for (const p of dirty) if (!(await how.save(p))) return false;
    return true;
  }

  ask(paths: string[]): Promise<UnsavedChoice> {
    return new Promise((resolve) => {
      const finish = (choice: UnsavedChoice) => {
        this.dialog.removeEventListener("cancel", onCancel);
        this.dialog.close();
        resolve(choice);
      };
      const onCancel = (e: Event) => {
        e.preventDefault();
        finish("cancel");
      };
      this.dialog.addEventListener("cancel", onCancel);
      const button = (choice: UnsavedChoice, label: string, primary = false) =>
        h("button", { type: "button", class: primary ? "primary" : undefined, "data-choice": choice, onclick: () => finish(choice) }, label);
      this.dialog.replaceChildren(
        h("h2", {}, t("unsaved.title", { count: String(paths.length) })),
        h("p", {}, t("unsaved.message")),
        h("ul", { class: "unsaved-paths" }, ...paths.map((p) => h("li", {}, p))),
        h(
          "div",
          { class: "actions" },
          button("cancel", t("unsaved.cancel")),
          button("discard", t("unsaved.discard")),
          button("save", t("unsaved.save"), true),
        ),
      );
      this.dialog.showModal();
    });
  }
}
