//! The question before unsaved posts would be left behind (closing the window, opening
//! another blog): Save all, Discard, or Cancel. Escape is Cancel.

import { h } from "../dom";
import { t } from "../i18n";

export type UnsavedChoice = "save" | "discard" | "cancel";

export class UnsavedDialog {
  constructor(private readonly dialog: HTMLDialogElement) {}

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
