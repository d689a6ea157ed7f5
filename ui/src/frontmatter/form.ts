//! The basic front-matter fields above the editor. Each change edits only that key of the
//! post's front matter (through the core), nothing else.

import { t } from "../i18n";
import type { FieldValue, Post } from "../ipc";
import { h } from "../dom";

export interface FormCallbacks {
  onField: (key: string, value: FieldValue) => void;
}

/** Splits "a, b，c" (ASCII or full-width commas) into trimmed names. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export class FrontMatterForm {
  private generator = "hugo";
  private readonly title = h("input", { type: "text", class: "fm-title", "data-testid": "fm-title" });
  private readonly date = h("input", { type: "text", class: "fm-date", "data-testid": "fm-date", spellcheck: "false" });
  private readonly tags = h("input", { type: "text", class: "fm-tags", "data-testid": "fm-tags" });
  private readonly categories = h("input", { type: "text", class: "fm-categories" });
  private readonly draft = h("input", { type: "checkbox", class: "fm-draft", "data-testid": "fm-draft" });
  private readonly labels: Record<string, HTMLElement> = {};

  constructor(
    private readonly root: HTMLElement,
    private readonly callbacks: FormCallbacks,
  ) {
    const label = (key: string, control: HTMLElement, cls: string) => {
      const text = h("span", {});
      this.labels[key] = text;
      return h("label", { class: cls }, text, control);
    };
    this.root.append(
      label("fm.title", this.title, "field wide"),
      h(
        "div",
        { class: "row" },
        label("fm.date", this.date, "field"),
        label("fm.tags", this.tags, "field grow"),
        label("fm.categories", this.categories, "field grow"),
        label("fm.draft", this.draft, "field check"),
      ),
    );
    const commit = (input: HTMLInputElement, f: () => [string, FieldValue]) => {
      let last = "";
      const fire = () => {
        if (input.value === last) return;
        last = input.value;
        const [key, value] = f();
        this.callbacks.onField(key, value);
      };
      input.addEventListener("input", fire);
      return (v: string) => (last = v);
    };
    this.setTitle = commit(this.title, () => ["title", { kind: "text", value: this.title.value }]);
    this.setDate = commit(this.date, () => ["date", this.date.value.trim() ? { kind: "date", value: this.date.value.trim() } : { kind: "remove" }]);
    this.setTags = commit(this.tags, () => ["tags", { kind: "list", value: splitList(this.tags.value) }]);
    this.setCategories = commit(this.categories, () => ["categories", { kind: "list", value: splitList(this.categories.value) }]);
    this.draft.addEventListener("change", () => {
      if (this.generator === "hugo") this.callbacks.onField("draft", { kind: "bool", value: this.draft.checked });
      else this.callbacks.onField("published", this.draft.checked ? { kind: "bool", value: false } : { kind: "remove" });
    });
    this.renderLabels();
    this.show(null, "hugo");
  }

  private setTitle: (v: string) => void;
  private setDate: (v: string) => void;
  private setTags: (v: string) => void;
  private setCategories: (v: string) => void;

  renderLabels(): void {
    for (const [key, el] of Object.entries(this.labels)) el.textContent = t(key as Parameters<typeof t>[0]);
    this.tags.placeholder = t("fm.comma");
    this.categories.placeholder = t("fm.comma");
  }

  /** Shows a post's values (or disables the form with none). `rawDate` is the date as written. */
  show(post: Post | null, generator: string, rawDate = ""): void {
    this.generator = generator;
    const inDrafts = !!post && post.path.split("/").includes("_drafts");
    const values: Array<[HTMLInputElement, string, (v: string) => void]> = [
      [this.title, post?.title ?? "", this.setTitle],
      [this.date, rawDate, this.setDate],
      [this.tags, post?.tags.join(", ") ?? "", this.setTags],
      [this.categories, post?.categories.join(", ") ?? "", this.setCategories],
    ];
    for (const [input, value, remember] of values) {
      input.value = value;
      remember(value);
      input.disabled = !post;
    }
    this.draft.checked = !!post?.draft;
    this.draft.disabled = !post || inDrafts;
  }
}
