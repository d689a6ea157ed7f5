//! The command palette (Mod+Shift+P): every action with its shortcut, found by typing; the
//! same list read-only as the shortcut sheet (F1); and Mod+P, the blog's posts found by
//! title, tag or path. One `<dialog>`, driven by the keyboard: ↑/↓ choose, Enter runs, Esc
//! closes.

import { t } from "../i18n";
import { h } from "../dom";

/** One thing the palette can do. */
export interface Command {
  id: string;
  title: string;
  /** As shown: `Ctrl+Shift+P` (`⌘⇧P` on macOS). */
  shortcut?: string;
  /** Words it is also found by (a post's tags and path). */
  keywords?: string;
  run: () => void;
}

/** How a shortcut reads on this platform: `Mod` is ⌘ on macOS, Ctrl elsewhere. */
export function shortcutLabel(keys: string, mac: boolean): string {
  if (!mac) return keys.replace(/Mod/g, "Ctrl");
  return keys.replace(/Mod\+/g, "⌘").replace(/Shift\+/g, "⇧").replace(/Alt\+/g, "⌥");
}

/** The commands matching `query`, best first: every word of it must occur in the title
 * (or keywords), case and width of letters ignored; titles starting with it come first. */
export function filter(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return commands;
  const scored: Array<[number, number, Command]> = [];
  commands.forEach((c, i) => {
    const title = c.title.toLowerCase();
    const hay = `${title} ${(c.keywords ?? "").toLowerCase()}`;
    if (!words.every((w) => hay.includes(w))) return;
    const score = title.startsWith(words[0]) ? 0 : title.includes(words[0]) ? 1 : 2;
    scored.push([score, i, c]);
  });
  return scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , c]) => c);
}

export class Palette {
  private items: Command[] = [];
  private shown: Command[] = [];
  private chosen = 0;
  private readonly input = h("input", {
    type: "text",
    class: "palette-input",
    "data-testid": "palette-input",
    autocomplete: "off",
    spellcheck: false,
    role: "combobox",
    "aria-controls": "palette-list",
    "aria-expanded": "true",
  });
  private readonly list = h("ul", { class: "palette-list", id: "palette-list", role: "listbox", "data-testid": "palette-list" });

  constructor(private readonly dialog: HTMLDialogElement) {
    this.input.addEventListener("input", () => {
      this.chosen = 0;
      this.render();
    });
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const n = this.shown.length;
        if (n) this.chosen = (this.chosen + (e.key === "ArrowDown" ? 1 : n - 1)) % n;
        this.render();
      } else if (e.key === "Enter") {
        e.preventDefault();
        this.run(this.shown[this.chosen]);
      }
    });
  }

  /** Opens the palette over `items` with `placeholder` in its search field. */
  open(items: Command[], placeholder: string): void {
    this.items = items;
    this.chosen = 0;
    this.input.value = "";
    this.input.placeholder = placeholder;
    this.input.setAttribute("aria-label", placeholder);
    this.dialog.classList.remove("sheet");
    this.dialog.replaceChildren(this.input, this.list);
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
    this.input.focus();
  }

  /** The shortcut sheet: every command that has a shortcut, read-only. */
  sheet(items: Command[]): void {
    this.dialog.classList.add("sheet");
    const rows = items
      .filter((c) => c.shortcut)
      .map((c) => h("tr", {}, h("td", {}, c.title), h("td", {}, h("kbd", {}, c.shortcut ?? ""))));
    this.dialog.replaceChildren(
      h("h2", {}, t("palette.shortcuts")),
      h("table", { class: "shortcuts", "data-testid": "shortcut-sheet" }, h("tbody", {}, ...rows)),
      h("div", { class: "actions" }, h("button", { class: "primary", onclick: () => this.dialog.close() }, t("palette.close"))),
    );
    if (!this.dialog.open) this.dialog.showModal();
  }

  private run(c: Command | undefined): void {
    if (!c) return;
    this.dialog.close();
    c.run();
  }

  private render(): void {
    this.shown = filter(this.items, this.input.value).slice(0, 200);
    if (!this.shown.length) {
      this.list.replaceChildren(h("li", { class: "muted empty" }, t("palette.nothing")));
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    this.list.replaceChildren(
      ...this.shown.map((c, i) =>
        h(
          "li",
          {
            id: `palette-${i}`,
            role: "option",
            "aria-selected": i === this.chosen ? "true" : "false",
            class: i === this.chosen ? "chosen" : undefined,
            "data-id": c.id,
            onmousedown: (e: Event) => {
              e.preventDefault();
              this.run(c);
            },
          },
          h("span", { class: "title" }, c.title),
          c.shortcut ? h("kbd", {}, c.shortcut) : null,
        ),
      ),
    );
    this.input.setAttribute("aria-activedescendant", `palette-${this.chosen}`);
    this.list.children[this.chosen]?.scrollIntoView?.({ block: "nearest" });
  }
}
