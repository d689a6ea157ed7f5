//! The tags (or categories) view of the library: every term with its post count (drafts
//! apart), a click filters the posts, and rename / merge / delete across every post with a
//! preview of the files that will change and an Undo afterwards.

import { t } from "../i18n";
import type { TermCount, TermOp, Taxonomy } from "../ipc";
import { h } from "../dom";

export interface TermsCallbacks {
  onFilter: (taxonomy: Taxonomy, name: string) => void;
  plan: (taxonomy: Taxonomy, op: TermOp) => Promise<string[]>;
  apply: (taxonomy: Taxonomy, op: TermOp) => Promise<number>;
  undo: () => Promise<void>;
}

type Action = "rename" | "merge" | "delete";

/** The operation an action and its input make, or null while the input is incomplete. */
export function termOp(action: Action, name: string, input: string): TermOp | null {
  const value = input.trim();
  if (action === "delete") return { op: "delete", name };
  if (!value || value.toLowerCase() === name.toLowerCase()) return null;
  return action === "rename" ? { op: "rename", from: name, to: value } : { op: "merge", from: [name], into: value };
}

export class TermsView {
  /** The open Rename/Merge/Delete form, with what was typed: it survives re-renders. */
  private editing: { name: string; action: Action; value: string } | null = null;
  private done: string | null = null;
  private shown: { taxonomy: Taxonomy; terms: TermCount[] } | null = null;

  constructor(
    private readonly list: HTMLElement,
    private readonly callbacks: TermsCallbacks,
  ) {}

  render(taxonomy: Taxonomy, terms: TermCount[]): void {
    this.shown = { taxonomy, terms };
    const rows = terms.map((term) => this.row(taxonomy, term, terms));
    const banner = this.done
      ? h(
          "li",
          { class: "terms-done", role: "status", "data-testid": "terms-done" },
          this.done,
          " ",
          h("button", { class: "link", "data-testid": "terms-undo", onclick: () => void this.undo() }, t("terms.undo")),
        )
      : null;
    this.list.replaceChildren(...[banner, ...rows].filter((r): r is HTMLElement => r !== null));
    if (!rows.length) this.list.append(h("li", { class: "empty" }, t("terms.none")));
  }

  private row(taxonomy: Taxonomy, term: TermCount, all: TermCount[]): HTMLElement {
    const counts = term.unpublished ? t("terms.countDrafts", { posts: term.posts, drafts: term.unpublished }) : t("terms.count", { posts: term.posts });
    const act = (action: Action) =>
      h(
        "button",
        {
          class: "link",
          "data-testid": `term-${action}`,
          onclick: (e) => {
            e.stopPropagation();
            this.editing = { name: term.name, action, value: "" };
            this.render(taxonomy, all);
          },
        },
        t(`terms.${action}`),
      );
    const li = h(
      "li",
      { class: "term", "data-term": term.name },
      h(
        "div",
        { class: "term-line" },
        h("button", { class: "term-name", onclick: () => this.callbacks.onFilter(taxonomy, term.name) }, taxonomy === "tags" ? `#${term.name}` : term.name),
        h("span", { class: "term-count" }, counts),
      ),
      h("div", { class: "term-actions" }, act("rename"), act("merge"), act("delete")),
    );
    if (this.editing?.name === term.name) li.append(this.editor(taxonomy, term.name, this.editing.action, all));
    return li;
  }

  private editor(taxonomy: Taxonomy, name: string, action: Action, all: TermCount[]): HTMLElement {
    const input = h("input", { type: "text", "data-testid": "term-input", list: "term-names", placeholder: t(`terms.${action}To`), autocomplete: "off" });
    input.value = this.editing?.value ?? "";
    const preview = h("div", { class: "term-preview", "data-testid": "term-preview" });
    const apply = h("button", { class: "primary", type: "submit", "data-testid": "term-apply", disabled: true }, t(`terms.${action}`));
    const names = h("datalist", { id: "term-names" }, ...all.filter((x) => x.name !== name).map((x) => h("option", { value: x.name })));
    let version = 0;
    const refresh = async () => {
      if (this.editing) this.editing.value = input.value;
      const op = termOp(action, name, input.value);
      const mine = ++version;
      apply.disabled = true;
      if (!op) {
        preview.textContent = "";
        return;
      }
      try {
        const files = await this.callbacks.plan(taxonomy, op);
        if (mine !== version) return;
        preview.replaceChildren(h("div", {}, t("terms.willChange", { count: files.length })), h("ul", {}, ...files.slice(0, 8).map((f) => h("li", {}, f))), files.length > 8 ? h("div", {}, "…") : "");
        apply.disabled = files.length === 0;
      } catch (e) {
        preview.textContent = (e as Error).message;
      }
    };
    const submit = async (e: Event) => {
      e.preventDefault();
      const op = termOp(action, name, input.value);
      if (!op) return;
      apply.disabled = true;
      try {
        const n = await this.callbacks.apply(taxonomy, op);
        this.editing = null;
        this.done = op.op === "rename" ? t("terms.renamed", { from: name, to: op.to, count: n }) : op.op === "merge" ? t("terms.merged", { from: name, to: op.into, count: n }) : t("terms.deleted", { name, count: n });
        // The library re-rendered with the new terms while applying; show the result on them.
        if (this.shown) this.render(this.shown.taxonomy, this.shown.terms);
      } catch (err) {
        preview.textContent = (err as Error).message;
      }
    };
    const cancel = h("button", { type: "button", onclick: () => ((this.editing = null), this.render(taxonomy, all)) }, t("new.cancel"));
    const form = h("form", { class: "term-editor", onsubmit: (e) => void submit(e), oninput: () => void refresh() }, action === "delete" ? "" : input, names, preview, h("div", { class: "actions" }, cancel, apply));
    // Shown again (the library re-rendered): the typed name and its preview come back.
    if (action === "delete" || input.value) void refresh();
    if (action !== "delete") queueMicrotask(() => input.focus());
    return form;
  }

  private async undo(): Promise<void> {
    try {
      this.done = null;
      await this.callbacks.undo();
    } catch (e) {
      this.done = (e as Error).message;
      if (this.shown) this.render(this.shown.taxonomy, this.shown.terms);
    }
  }

  /** The list shows something else (the posts): answers arriving later do not draw into it. */
  hide(): void {
    this.shown = null;
  }

  /** Forget the last result (another blog was opened). */
  reset(): void {
    this.editing = null;
    this.done = null;
  }
}
