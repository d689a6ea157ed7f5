//! Translating side by side: the *Translate to…* menu above the preview, and the original of
//! the translation being edited shown in the preview's place, read-only, following the editor
//! by heading (and leading it when the user scrolls the original).

import type { EditorView } from "@codemirror/view";
import { scrollLineToTop, topLine, viewer } from "../editor/editor";
import { h } from "../dom";
import { t } from "../i18n";
import type { Post, SiteLanguage } from "../ipc";
import { languageBadge } from "../library/filter";
import { alignLine, headingLines } from "./align";

export interface SideBySideCallbacks {
  /** The user chose a language in the menu: its version opens beside the shown one. */
  onTranslate: (lang: string) => void;
  /** The user scrolled the original: the editor follows to (fractional) body `line`. */
  scrollEditor: (line: number) => void;
}

/** How the editor is read: its top line and its text, asked for only when needed. */
export interface EditorSide {
  topLine: () => number;
  text: () => string;
}

export class SideBySide {
  private readonly button = h("button", { type: "button", class: "translate-to", "data-testid": "translate-to", "aria-haspopup": "menu", "aria-expanded": "false" });
  private readonly menu = h("div", { class: "translate-menu", role: "menu", "data-testid": "translate-menu", hidden: true });
  private readonly label = h("span", { class: "original-label", "data-testid": "original-label" });
  private readonly close = h("button", { type: "button", class: "original-close", "data-testid": "original-close" });
  private readonly bar = h("div", { class: "pane-bar", hidden: true }, h("div", { class: "translate" }, this.button, this.menu), this.label, this.close);
  private readonly holder = h("div", { class: "original", "data-testid": "original", hidden: true });
  private view: EditorView | null = null;
  /** The original's heading lines and line count; the translation's, recounted after edits. */
  private originalHeads: number[] = [];
  private originalLines = 1;
  private editorHeads: number[] | null = null;
  private editorLines = 1;
  /** Our own scrolling of the original is no user's scroll. */
  private muteUntil = 0;
  /** The translation being edited and its original, while shown side by side. */
  pair: { translation: string; original: string; lang: string } | null = null;
  private languages: SiteLanguage[] = [];
  private post: Post | null = null;
  /** The open post's other-language versions: language → path. */
  private versions = new Map<string, string>();

  constructor(
    pane: HTMLElement,
    private readonly frame: HTMLIFrameElement,
    private readonly editor: EditorSide,
    private readonly callbacks: SideBySideCallbacks,
  ) {
    pane.prepend(this.bar);
    pane.append(this.holder);
    // A menu of buttons: a language is chosen by a click or Enter, never by moving through
    // the list (each choice may write a file).
    this.button.addEventListener("click", () => this.toggleMenu(this.menu.hidden));
    this.menu.addEventListener("keydown", (e) => {
      const items = [...this.menu.querySelectorAll<HTMLButtonElement>("button")];
      const at = items.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === "Escape") {
        this.toggleMenu(false);
        this.button.focus();
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const next = (at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items[next]?.focus();
      }
    });
    document.addEventListener("mousedown", (e) => {
      if (!this.menu.hidden && !this.bar.contains(e.target as Node)) this.toggleMenu(false);
    });
    this.close.addEventListener("click", () => this.hide());
    this.render();
  }

  /** The open post and the site's languages: what the menu offers. */
  setPost(languages: SiteLanguage[], post: Post | null, posts: Post[]): void {
    this.languages = languages;
    // The listing's entry knows the post's language and translations.
    post = (post && posts.find((p) => p.path === post?.path)) ?? post;
    this.post = post;
    this.versions = new Map(
      (post?.translations ?? [])
        .map((path) => posts.find((p) => p.path === path))
        .filter((p): p is Post => !!p?.lang)
        .map((p) => [p.lang as string, p.path]),
    );
    this.render();
  }

  /** The version of the open post in `lang`, when there is one. */
  version(lang: string): string | undefined {
    return this.versions.get(lang);
  }

  private toggleMenu(open: boolean): void {
    this.menu.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
    if (open) this.menu.querySelector<HTMLButtonElement>("button")?.focus();
  }

  /** Labels in the current UI language; the menu for the open post. */
  render(): void {
    const post = this.post;
    const others = this.languages.filter((l) => l.code !== post?.lang);
    // While a translation is beside its original, the bar holds the way back.
    this.bar.hidden = !this.pair && (!post || !post.lang || others.length === 0);
    this.button.textContent = `${t("translate.to")} ▾`;
    this.button.hidden = others.length === 0 || !post?.lang;
    this.menu.replaceChildren(
      ...others.map((l) => {
        const name = `${languageBadge(l.code)} ${l.name ?? l.code}`;
        return h(
          "button",
          {
            type: "button",
            role: "menuitem",
            "data-lang": l.code,
            onclick: () => {
              this.toggleMenu(false);
              this.callbacks.onTranslate(l.code);
            },
          },
          t(this.versions.has(l.code) ? "translate.side" : "translate.start", { lang: name }),
        );
      }),
    );
    this.close.textContent = t("translate.close");
    if (this.pair) {
      this.label.textContent = t("translate.original", { lang: languageBadge(this.pair.lang), path: this.pair.original });
    }
    this.label.hidden = this.close.hidden = !this.pair;
  }

  get active(): boolean {
    return this.pair !== null;
  }

  /** Shows `body`, the original's text, in the preview's place beside `translation`. */
  show(translation: string, original: string, lang: string, body: string): void {
    if (!this.view) this.view = viewer(this.holder, t("translate.originalName"), () => this.onOriginalScroll());
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: body } });
    this.originalHeads = headingLines(body);
    this.originalLines = this.view.state.doc.lines;
    this.editorHeads = null;
    this.pair = { translation, original, lang };
    this.frame.hidden = true;
    this.holder.hidden = false;
    this.render();
    // Once the view is laid out where it now shows: line heights are measured, not guessed.
    requestAnimationFrame(() => {
      this.view?.requestMeasure();
      requestAnimationFrame(() => this.follow());
    });
  }

  /** Back to the preview. */
  hide(): void {
    if (!this.pair) return;
    this.pair = null;
    this.holder.hidden = true;
    this.frame.hidden = false;
    this.render();
  }

  /** The translation changed: its headings are counted again when next needed. */
  edited(): void {
    this.editorHeads = null;
  }

  /** Brings the original in line with the editor's top line. */
  follow(): void {
    const view = this.view;
    if (!this.pair || !view) return;
    const heads = this.translationHeads();
    const line = alignLine(heads, this.originalHeads, this.editor.topLine(), this.editorLines, this.originalLines);
    // CodeMirror scrolls once it has measured: the scroll events of the next moments are ours.
    this.muteUntil = performance.now() + 300;
    scrollLineToTop(view, Math.round(line));
  }

  private translationHeads(): number[] {
    if (!this.editorHeads) {
      const text = this.editor.text();
      this.editorHeads = headingLines(text);
      this.editorLines = text.split("\n").length;
    }
    return this.editorHeads;
  }

  private onOriginalScroll(): void {
    const view = this.view;
    if (!this.pair || !view || performance.now() < this.muteUntil) return;
    const heads = this.translationHeads();
    this.callbacks.scrollEditor(alignLine(this.originalHeads, heads, topLine(view), this.originalLines, this.editorLines));
  }

  /** The original's text as shown, for tests. */
  originalText(): string {
    return this.view?.state.sliceDoc() ?? "";
  }
}
