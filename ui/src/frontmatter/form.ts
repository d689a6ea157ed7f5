//! The basic front-matter fields above the editor. Each change edits only that key of the
//! post's front matter (through the core), nothing else.

import { t } from "../i18n";
import type { FieldValue, Post } from "../ipc";
import { h } from "../dom";

export interface FormCallbacks {
  onField: (key: string, value: FieldValue) => void;
  /** The whole front matter typed in the raw view (delimiters included). */
  onRaw: (head: string) => void;
}

/**
 * Completions for a comma-separated field: the known names that contain what is being typed
 * after the last comma (prefix matches first), each as the whole new value of the field.
 */
export function suggestions(value: string, vocabulary: string[], limit = 8): string[] {
  const parts = value.split(/[,，、]/);
  const typed = (parts.pop() ?? "").trim().toLowerCase();
  const chosen = parts.map((p) => p.trim()).filter(Boolean);
  const taken = new Set(chosen.map((c) => c.toLowerCase()));
  const names = vocabulary.filter((v) => !taken.has(v.toLowerCase()) && v.toLowerCase().includes(typed));
  names.sort((a, b) => Number(!a.toLowerCase().startsWith(typed)) - Number(!b.toLowerCase().startsWith(typed)));
  const head = chosen.length ? `${chosen.join(", ")}, ` : "";
  return names.slice(0, limit).map((n) => head + n);
}

/** A front-matter value as text for an input: strings, numbers, lists joined by commas. */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((v) => fieldText(v)).join(", ");
  if (typeof value === "object") return "";
  return String(value);
}

/** The key as the post writes it (`ShowToc`, `showtoc`…), else the usual spelling. */
export function writtenKey(fm: Record<string, unknown>, key: string): string {
  return Object.keys(fm).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
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
  private readonly tags = h("input", { type: "text", class: "fm-tags", "data-testid": "fm-tags", list: "fm-tag-names", autocomplete: "off" });
  private readonly categories = h("input", { type: "text", class: "fm-categories", list: "fm-category-names" });
  private readonly tagNames = h("datalist", { id: "fm-tag-names" });
  private readonly categoryNames = h("datalist", { id: "fm-category-names" });
  private vocabulary: { tags: string[]; categories: string[] } = { tags: [], categories: [] };
  private readonly draft = h("input", { type: "checkbox", class: "fm-draft", "data-testid": "fm-draft" });
  private readonly labels: Record<string, HTMLElement> = {};
  private readonly more = h("details", { class: "fm-more" });
  private readonly moreFields = h("div", { class: "more-fields" });
  private readonly raw = h("textarea", { class: "fm-raw", "data-testid": "fm-raw", spellcheck: false, rows: "8" });
  private fm: Record<string, unknown> = {};

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
      this.more,
      this.tagNames,
      this.categoryNames,
    );
    const complete = (input: HTMLInputElement, list: HTMLDataListElement, names: () => string[]) =>
      input.addEventListener("input", () => list.replaceChildren(...suggestions(input.value, names()).map((v) => h("option", { value: v }))));
    complete(this.tags, this.tagNames, () => this.vocabulary.tags);
    complete(this.categories, this.categoryNames, () => this.vocabulary.categories);
    this.raw.addEventListener("input", () => this.callbacks.onRaw(this.raw.value));
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
    // Hugo flips a key; Jekyll and Hexo move the file between folders (the app decides).
    this.draft.addEventListener("change", () => this.callbacks.onField("draft", { kind: "bool", value: this.draft.checked }));
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

  /** The blog's tags and categories, offered while typing. */
  setVocabulary(tags: string[], categories: string[]): void {
    this.vocabulary = { tags, categories };
  }

  /** The front matter changed through a field: the raw view follows. */
  setHead(head: string): void {
    if (document.activeElement !== this.raw) this.raw.value = head;
  }

  /** The less common fields, each editing only its key, and the raw front matter. */
  private renderMore(post: Post | null, head: string): void {
    const fm = this.fm;
    const hugo = this.generator === "hugo";
    const text = (key: string, label: string, kind: "text" | "date" | "list" = "text") => {
      const k = writtenKey(fm, key);
      const input = h("input", { type: "text", "data-testid": `fm-${key.toLowerCase()}`, value: fieldText(fm[k]), placeholder: kind === "list" ? t("fm.comma") : "" });
      input.disabled = !post;
      input.addEventListener("change", () => {
        const v = input.value.trim();
        const value: FieldValue = !v ? { kind: "remove" } : kind === "list" ? { kind: "list", value: splitList(v) } : kind === "date" ? { kind: "date", value: v } : { kind: "text", value: v };
        this.callbacks.onField(k, value);
      });
      return h("label", { class: "field" }, h("span", {}, label), input);
    };
    const check = (key: string, label: string) => {
      const k = writtenKey(fm, key);
      const box = h("input", { type: "checkbox", "data-testid": `fm-${key.toLowerCase()}` });
      box.checked = fm[k] === true;
      box.disabled = !post;
      box.addEventListener("change", () => this.callbacks.onField(k, { kind: "bool", value: box.checked }));
      return h("label", { class: "field check" }, box, h("span", {}, label));
    };
    const fields: HTMLElement[] = [text("description", t("fm.description")), text("slug", t("fm.slug"))];
    if (hugo) {
      fields.push(text("publishDate", t("fm.publishDate"), "date"), text("expiryDate", t("fm.expiryDate"), "date"), text("series", t("fm.series"), "list"));
      fields.push(check("ShowToc", t("fm.showToc")));
    }
    // PaperMod's `cover.image`, edited inside the post's `cover` block.
    const coverKey = writtenKey(fm, "cover");
    const cover = fm[coverKey];
    if (hugo || cover) {
      const image = cover && typeof cover === "object" && "image" in cover ? fieldText((cover as { image: unknown }).image) : "";
      const input = h("input", { type: "text", "data-testid": "fm-cover", value: image, placeholder: "images/cover.png" });
      input.disabled = !post || (cover !== undefined && (typeof cover !== "object" || Array.isArray(cover)));
      input.addEventListener("change", () => {
        const v = input.value.trim();
        this.callbacks.onField(`${coverKey}.image`, v ? { kind: "text", value: v } : { kind: "remove" });
      });
      fields.push(h("label", { class: "field" }, h("span", {}, t("fm.cover")), input));
    }
    this.moreFields.replaceChildren(...fields);
    this.raw.value = head;
    this.raw.disabled = !post;
    this.more.replaceChildren(h("summary", {}, t("fm.more")), this.moreFields, h("label", { class: "field wide" }, h("span", {}, t("fm.raw")), this.raw));
  }

  /** Shows a post's values (or disables the form with none). `rawDate` is the date as written. */
  show(post: Post | null, generator: string, rawDate = "", fm: Record<string, unknown> = {}, head = ""): void {
    this.generator = generator;
    this.fm = fm;
    this.renderMore(post, head);
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
    this.draft.disabled = !post;
  }
}
