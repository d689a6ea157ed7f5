//! The status bar: the core's Hugo-identical words and reading time, save state, language.

import { locale, setLocale, t } from "../i18n";
import { h } from "../dom";

export type SaveState = { kind: "none" } | { kind: "saved" } | { kind: "dirty" } | { kind: "saving" } | { kind: "failed"; error: string };

export class StatusBar {
  private words = 0;
  private minutes = 0;
  private save: SaveState = { kind: "none" };
  private warning = "";
  private readonly left = h("span", { class: "counts", "data-testid": "word-count" });
  private readonly middle = h("span", { class: "save-state", "data-testid": "save-state" });
  private readonly notice = h("span", { class: "notice", role: "status" });
  /** Something that happened (a reload, a file gone): shown until the next one or 10 s. */
  private readonly event = h("span", { class: "event", role: "status", "data-testid": "status-event" });
  private eventTimer = 0;
  private readonly language = h("button", { class: "language", "data-testid": "language" });
  /** The last publish on GitHub Pages: Building… → Live (a link to the post) or Failed. */
  private readonly deploy = h("a", { class: "deploy", "data-testid": "status-deploy", target: "_blank", rel: "noopener" });

  constructor(root: HTMLElement, storage: Storage | null) {
    this.language.addEventListener("click", () => setLocale(locale() === "en" ? "zh-CN" : "en", storage));
    root.append(this.left, this.middle, this.event, this.notice, h("span", { class: "spacer" }), this.deploy, this.language);
    this.render();
  }

  setCounts(words: number, minutes: number): void {
    this.words = words;
    this.minutes = minutes;
    this.render();
  }

  setSave(state: SaveState): void {
    this.save = state;
    this.render();
  }

  setNotice(text: string): void {
    this.warning = text;
    this.render();
  }

  /** Shows where the last publish stands (`text` empty: nothing), linking to `href`. */
  setDeploy(text: string, state: string, href: string | null): void {
    this.deploy.textContent = text;
    this.deploy.dataset.state = state;
    if (href) this.deploy.setAttribute("href", href);
    else this.deploy.removeAttribute("href");
  }

  /** Tells the user about an event, apart from the open post's standing notice. */
  flash(text: string): void {
    this.event.textContent = text;
    window.clearTimeout(this.eventTimer);
    this.eventTimer = window.setTimeout(() => (this.event.textContent = ""), 10_000);
  }

  render(): void {
    // Only what changed is written: each keystroke renders this three times, and a text node
    // replaced by the same text still asks the window for a layout.
    set(this.left, this.save.kind === "none" ? t("status.noPost") : `${t("status.words", { words: this.words })} · ${t("status.minutes", { minutes: this.minutes })}`);
    const s = this.save;
    set(
      this.middle,
      s.kind === "saved" ? t("status.saved") : s.kind === "dirty" ? t("status.unsaved") : s.kind === "saving" ? t("status.saving") : s.kind === "failed" ? t("status.saveFailed", { error: s.error }) : "",
    );
    const kind = `save-state ${s.kind}`;
    if (this.middle.className !== kind) this.middle.className = kind;
    set(this.notice, this.warning);
    set(this.language, t("status.language"));
  }
}

/** Sets `el`'s text when it differs. */
function set(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
