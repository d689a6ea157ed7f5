//! The New post dialog: title, tags, draft, how a Chinese title becomes a file name.

import { t } from "../i18n";
import type { NewPost } from "../ipc";
import { h } from "../dom";
import { splitList } from "../frontmatter/form";

export class NewPostDialog {
  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly create: (request: NewPost) => Promise<string | null>,
  ) {}

  open(): void {
    const title = h("input", { type: "text", name: "title", required: true, "data-testid": "new-title", autocomplete: "off" });
    const tags = h("input", { type: "text", name: "tags", placeholder: t("fm.comma"), "data-testid": "new-tags" });
    const draft = h("input", { type: "checkbox", name: "draft", checked: true, "data-testid": "new-draft" });
    const style = h(
      "select",
      { name: "slug_style" },
      h("option", { value: "pinyin" }, t("new.slugPinyin")),
      h("option", { value: "cjk" }, t("new.slugCjk")),
    );
    const error = h("p", { class: "error", role: "alert" });
    const submit = async (e: Event) => {
      e.preventDefault();
      if (!title.value.trim()) {
        error.textContent = t("new.needTitle");
        return;
      }
      const request: NewPost = {
        title: title.value.trim(),
        tags: splitList(tags.value),
        categories: [],
        draft: draft.checked,
        slug: null,
        slug_style: style.value === "cjk" ? "cjk" : "pinyin",
      };
      const failure = await this.create(request);
      if (failure) error.textContent = failure;
      else this.dialog.close();
    };
    const form = h(
      "form",
      { method: "dialog", onsubmit: submit },
      h("h2", {}, t("new.heading")),
      h("label", {}, h("span", {}, t("new.title")), title),
      h("label", {}, h("span", {}, t("new.tags")), tags),
      h("label", {}, h("span", {}, t("new.slug")), style),
      h("label", { class: "check" }, draft, h("span", {}, t("new.draft"))),
      error,
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", onclick: () => this.dialog.close() }, t("new.cancel")),
        h("button", { type: "submit", class: "primary", "data-testid": "new-create" }, t("new.create")),
      ),
    );
    this.dialog.replaceChildren(form);
    this.dialog.showModal();
    title.focus();
  }
}
