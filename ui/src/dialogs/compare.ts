//! The one dialog that puts two versions of a post side by side: text recovered after a
//! crash against the file, or the user's unsaved edits against a change made on disk by
//! another program. The left side is read-only; the right side is what the user keeps and
//! can be edited, chunk by chunk (the arrows copy a change from the left).

import type { MergeView } from "@codemirror/merge";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { h } from "../dom";
import { t } from "../i18n";

export interface Choice {
  id: string;
  label: string;
  primary?: boolean;
}

export interface CompareRequest {
  title: string;
  message: string;
  left: { label: string; text: string };
  right: { label: string; text: string };
  choices: Choice[];
  /** Show the two versions at once; otherwise a Compare button reveals them. */
  compare: boolean;
}

export interface Answer {
  choice: string;
  /** The right side as the user left it. */
  right: string;
}

export class CompareDialog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dialog: HTMLDialogElement) {
    // A choice is required: Escape must not silently pick one.
    dialog.addEventListener("cancel", (e) => e.preventDefault());
  }

  /** Asks; requests made while one is showing wait their turn. */
  ask(request: CompareRequest): Promise<Answer> {
    const next = this.queue.then(() => this.show(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private show(request: CompareRequest): Promise<Answer> {
    return new Promise((resolve) => {
      let merge: MergeView | null = null;
      let revealing = false;
      let finished = false;
      const area = h("div", { class: "compare-area", "data-testid": "compare-area" });
      const reveal = async () => {
        if (revealing) return;
        revealing = true;
        // Loaded when first needed: the merge view is not on the path to an editable window.
        let MergeView: typeof import("@codemirror/merge").MergeView;
        try {
          ({ MergeView } = await import("@codemirror/merge"));
        } catch (e) {
          // The choices still work; the user is told why the versions are not shown.
          area.replaceChildren(h("p", { class: "error", role: "alert" }, t("compare.failed", { error: e instanceof Error ? e.message : String(e) })));
          revealing = false;
          return;
        }
        if (finished) return;
        const eol = (text: string) => (text.includes("\r\n") ? [EditorState.lineSeparator.of("\r\n")] : []);
        merge = new MergeView({
          a: { doc: request.left.text, extensions: [EditorView.lineWrapping, EditorState.readOnly.of(true), EditorView.editable.of(false), ...eol(request.left.text)] },
          b: { doc: request.right.text, extensions: [EditorView.lineWrapping, ...eol(request.right.text)] },
          parent: area,
          revertControls: "a-to-b",
          collapseUnchanged: { margin: 3, minSize: 6 },
        });
        labels.hidden = false;
        compareButton?.remove();
        this.dialog.classList.add("wide");
      };
      const labels = h(
        "div",
        { class: "compare-labels", hidden: true },
        h("span", {}, request.left.label),
        h("span", {}, request.right.label),
      );
      const finish = (choice: string) => {
        finished = true;
        const right = merge ? merge.b.state.sliceDoc() : request.right.text;
        merge?.destroy();
        this.dialog.close();
        this.dialog.classList.remove("wide");
        resolve({ choice, right });
      };
      const compareButton = request.compare
        ? null
        : h("button", { type: "button", "data-testid": "compare-show", onclick: () => void reveal() }, t("compare.show"));
      this.dialog.replaceChildren(
        h("h2", {}, request.title),
        h("p", { class: "compare-message" }, request.message),
        labels,
        area,
        h(
          "div",
          { class: "actions" },
          compareButton,
          ...request.choices.map((c) =>
            h(
              "button",
              { type: "button", class: c.primary ? "primary" : undefined, "data-choice": c.id, onclick: () => finish(c.id) },
              c.label,
            ),
          ),
        ),
      );
      this.dialog.showModal();
      if (request.compare) void reveal();
    });
  }
}
