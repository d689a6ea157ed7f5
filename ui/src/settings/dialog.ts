//! The Settings dialog: the app's own settings (theme, the editor's font, line width, line
//! numbers, Vim keys, spell checking, the preview's text size), each taking effect as it is
//! changed; and the open blog's (slug style and images, in its `.inkstone.toml`; the commit
//! author, in its git config), saved as they are changed.

import { h } from "../dom";
import { t } from "../i18n";
import type { BlogSettings } from "../ipc/bindings/BlogSettings";
import type { BlogPrefs } from "../ipc/bindings/BlogPrefs";
import { LIMITS, type Prefs, sanitize } from "./prefs";

export interface SettingsBackend {
  prefs(): Prefs;
  /** Applies and remembers the app's settings. */
  setPrefs(next: Prefs): void;
  /** The open blog's settings; null without a blog. */
  blog(): Promise<BlogPrefs | null>;
  saveBlog(settings: BlogSettings): Promise<void>;
  saveIdentity(name: string, email: string): Promise<void>;
}

let ids = 0;

/** A labelled control: the label names it for screen readers and clicks focus it. */
function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `setting-${++ids}`;
  control.id = id;
  const hintEl = hint ? h("span", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "setting" }, h("label", { for: id }, label), control, hintEl);
}

function check(label: string, control: HTMLInputElement, hint?: string): HTMLElement {
  const id = control.id || `setting-${++ids}`;
  control.id = id;
  const hintEl = hint ? h("span", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "setting check" }, control, h("label", { for: id }, label), hintEl);
}

function select(options: [string, string][], value: string, testid: string): HTMLSelectElement {
  const el = h("select", { "data-testid": testid });
  for (const [v, label] of options) el.append(h("option", { value: v }, label));
  el.value = value;
  return el;
}

function number(value: number | null, [min, max]: readonly [number, number], step: string, testid: string): HTMLInputElement {
  const el = h("input", { type: "number", min: String(min), max: String(max), step, "data-testid": testid });
  el.value = value === null ? "" : String(value);
  return el;
}

export class SettingsDialog {
  private readonly error = h("p", { class: "error", role: "alert", "data-testid": "settings-error" });
  private readonly saved = h("p", { class: "muted", role: "status", "aria-live": "polite", "data-testid": "settings-saved" });

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly backend: SettingsBackend,
  ) {}

  async open(): Promise<void> {
    this.error.textContent = "";
    this.saved.textContent = "";
    const body = h("div", { class: "settings-body" }, this.appSection());
    this.dialog.replaceChildren(
      h(
        "header",
        {},
        h("h2", { id: "settings-heading" }, t("settings.heading")),
        h("button", { class: "close", "aria-label": t("publish.close"), onclick: () => this.dialog.close() }, "×"),
      ),
      body,
      this.saved,
      this.error,
    );
    this.dialog.setAttribute("aria-labelledby", "settings-heading");
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const blog = await this.backend.blog();
      if (blog) body.append(this.blogSection(blog));
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    this.error.textContent = e instanceof Error ? e.message : String(e);
  }

  /** Changes one of the app's settings at once. */
  private change(patch: Partial<Prefs>): void {
    this.backend.setPrefs(sanitize({ ...this.backend.prefs(), ...patch }));
  }

  private appSection(): HTMLElement {
    const p = this.backend.prefs();
    const theme = select(
      [
        ["system", t("settings.themeSystem")],
        ["light", t("settings.themeLight")],
        ["dark", t("settings.themeDark")],
      ],
      p.theme,
      "setting-theme",
    );
    theme.addEventListener("change", () => this.change({ theme: theme.value as Prefs["theme"] }));

    const font = h("input", { type: "text", list: "setting-fonts", placeholder: t("settings.fontDefault"), "data-testid": "setting-font", spellcheck: "false" });
    font.value = p.editorFont;
    font.addEventListener("input", () => this.change({ editorFont: font.value }));
    const fonts = h("datalist", { id: "setting-fonts" });
    for (const f of ["JetBrains Mono", "Fira Code", "Cascadia Code", "Source Code Pro", "Noto Sans Mono CJK SC", "Sarasa Mono SC", "monospace", "serif", "sans-serif"]) {
      fonts.append(h("option", { value: f }));
    }

    // Numbers take effect when the field is left or stepped (`change`), not at every digit
    // typed, and show the value in effect (clamped to its limits).
    const size = number(p.editorFontSize, LIMITS.editorFontSize, "0.5", "setting-font-size");
    size.addEventListener("change", () => {
      if (size.value !== "") this.change({ editorFontSize: Number(size.value) });
      size.value = String(this.backend.prefs().editorFontSize);
    });
    const width = number(p.lineWidth, LIMITS.lineWidth, "1", "setting-line-width");
    width.addEventListener("change", () => {
      this.change({ lineWidth: width.value === "" ? 0 : Number(width.value) });
      width.value = String(this.backend.prefs().lineWidth);
    });

    const toggle = (key: "lineNumbers" | "vim" | "spellcheck", testid: string) => {
      const el = h("input", { type: "checkbox", "data-testid": testid });
      el.checked = p[key];
      el.addEventListener("change", () => this.change({ [key]: el.checked }));
      return el;
    };
    const previewSize = number(p.previewFontSize, LIMITS.previewFontSize, "0.5", "setting-preview-size");
    previewSize.addEventListener("change", () => {
      if (previewSize.value !== "") this.change({ previewFontSize: Number(previewSize.value) });
      previewSize.value = String(this.backend.prefs().previewFontSize);
    });

    return h(
      "section",
      { class: "settings-section", "aria-labelledby": "settings-app" },
      h("h3", { id: "settings-app" }, t("settings.app")),
      h("p", { class: "hint" }, t("settings.appHint")),
      field(t("settings.theme"), theme),
      field(t("settings.font"), font),
      fonts,
      field(t("settings.fontSize"), size, t("settings.pixels")),
      field(t("settings.lineWidth"), width, t("settings.lineWidthHint")),
      check(t("settings.lineNumbers"), toggle("lineNumbers", "setting-line-numbers")),
      check(t("settings.vim"), toggle("vim", "setting-vim"), t("settings.vimHint")),
      check(t("settings.spellcheck"), toggle("spellcheck", "setting-spellcheck"), t("settings.spellcheckHint")),
      field(t("settings.previewSize"), previewSize, t("settings.pixels")),
    );
  }

  private blogSection(blog: BlogPrefs): HTMLElement {
    let settings: BlogSettings = structuredClone(blog.settings);
    // One save at a time, each writing the settings as they are by then: two quick changes
    // never race in the file.
    let saving: Promise<void> = Promise.resolve();
    const save = (): Promise<void> => {
      saving = saving.then(async () => {
        try {
          await this.backend.saveBlog(settings);
          this.error.textContent = "";
          this.saved.textContent = t("settings.savedBlog");
        } catch (e) {
          this.fail(e);
        }
      });
      return saving;
    };
    const slug = select(
      [
        ["pinyin", t("settings.slugPinyin")],
        ["cjk", t("settings.slugCjk")],
      ],
      settings.slug_style,
      "setting-slug",
    );
    slug.addEventListener("change", () => {
      settings = { ...settings, slug_style: slug.value as BlogSettings["slug_style"] };
      void save();
    });
    const location = select(
      [
        ["bundle", t("settings.imagesBundle")],
        ["static", t("settings.imagesStatic")],
      ],
      settings.images.hugo_location,
      "setting-image-location",
    );
    location.addEventListener("change", () => {
      settings = { ...settings, images: { ...settings.images, hugo_location: location.value as BlogSettings["images"]["hugo_location"] } };
      void save();
    });
    const maxWidth = number(settings.images.max_width ?? null, [0, 20000], "1", "setting-max-width");
    maxWidth.placeholder = t("settings.never");
    maxWidth.addEventListener("change", () => {
      const n = Math.round(Number(maxWidth.value));
      settings = { ...settings, images: { ...settings.images, max_width: maxWidth.value === "" || !(n > 0) ? null : Math.min(n, 20000) } };
      void save();
    });
    const webp = h("input", { type: "checkbox", "data-testid": "setting-webp" });
    webp.checked = settings.images.webp;
    webp.addEventListener("change", () => {
      settings = { ...settings, images: { ...settings.images, webp: webp.checked } };
      void save();
    });

    const name = h("input", { type: "text", autocomplete: "name", "data-testid": "setting-author-name", spellcheck: "false" });
    const email = h("input", { type: "email", autocomplete: "email", "data-testid": "setting-author-email", spellcheck: "false" });
    name.value = blog.identity?.name ?? "";
    email.value = blog.identity?.email ?? "";
    const saveIdentity = async () => {
      if (!name.value.trim() && !email.value.trim()) return;
      if (!name.value.trim() || !email.value.includes("@")) {
        this.error.textContent = t("settings.authorInvalid");
        return;
      }
      try {
        await this.backend.saveIdentity(name.value.trim(), email.value.trim());
        this.error.textContent = "";
        this.saved.textContent = t("settings.savedAuthor");
      } catch (e) {
        this.fail(e);
      }
    };
    name.addEventListener("change", () => void saveIdentity());
    email.addEventListener("change", () => void saveIdentity());

    return h(
      "section",
      { class: "settings-section", "aria-labelledby": "settings-blog" },
      h("h3", { id: "settings-blog" }, t("settings.blog", { name: blog.name })),
      h("p", { class: "hint" }, t("settings.blogHint")),
      field(t("settings.slug"), slug),
      blog.generator === "hugo" ? field(t("settings.imagesLocation"), location) : null,
      field(t("settings.maxWidth"), maxWidth, t("settings.maxWidthHint")),
      check(t("settings.webp"), webp, t("settings.webpHint")),
      blog.repository
        ? h(
            "fieldset",
            { class: "settings-author" },
            h("legend", {}, t("settings.author")),
            field(t("publish.name"), name),
            field(t("publish.email"), email, t("settings.authorHint")),
          )
        : h("p", { class: "hint" }, t("settings.noRepository")),
    );
  }
}
