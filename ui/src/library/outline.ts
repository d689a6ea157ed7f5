//! The outline: the open post's headings in the library pane, indented by level. The heading
//! the cursor is under is marked (and kept in view); a click moves the editor there.

import { t } from "../i18n";
import type { TocEntry } from "../ipc/bindings/TocEntry";
import { h } from "../dom";

/** The index of the heading that `line` (a file line) is under: the last one at or above it. */
export function headingAt(entries: TocEntry[], line: number): number {
  let at = -1;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].line <= line) at = i;
    else break;
  }
  return at;
}

export class Outline {
  readonly el: HTMLElement;
  private readonly list = h("ol", { class: "outline-list", "data-testid": "outline" });
  private entries: TocEntry[] = [];
  private current = -1;

  constructor(private readonly jump: (line: number) => void) {
    this.el = h("nav", { class: "outline", "aria-label": t("outline.heading") }, h("h3", {}, t("outline.heading")), this.list);
    this.el.hidden = true;
  }

  /** The post's headings (file lines), after each render. Headings that only moved (a line
   * typed above them) keep their entries; the list is built again only when one changed. */
  set(entries: TocEntry[]): void {
    if (entries === this.entries) return;
    const was = this.entries;
    this.entries = entries;
    this.el.hidden = entries.length === 0;
    const moved = entries.length === was.length && entries.every((e, i) => e.text === was[i].text && e.level === was[i].level);
    if (moved) {
      entries.forEach((e, i) => {
        if (e.line !== was[i].line) (this.list.children[i] as HTMLElement).dataset.line = String(e.line);
      });
      return;
    }
    const top = Math.min(...entries.map((e) => e.level), 6);
    this.list.replaceChildren(
      ...entries.map((e, i) =>
        h(
          "li",
          { "data-line": String(e.line), style: `--depth: ${e.level - top}` },
          h("button", { type: "button", class: "outline-item", onclick: () => this.jump(this.entries[i].line), title: e.text }, e.text || "—"),
        ),
      ),
    );
    this.mark(this.current, true);
  }

  /** The cursor is on `line` (a file line). */
  follow(line: number): void {
    this.mark(headingAt(this.entries, line), false);
  }

  private mark(index: number, force: boolean): void {
    if (index === this.current && !force) return;
    this.current = index;
    [...this.list.children].forEach((li, i) => {
      li.classList.toggle("current", i === index);
      if (i === index) li.setAttribute("aria-current", "location");
      else li.removeAttribute("aria-current");
    });
    (this.list.children[index] as HTMLElement | undefined)?.scrollIntoView?.({ block: "nearest" });
  }

  clear(): void {
    this.set([]);
    this.current = -1;
  }
}
