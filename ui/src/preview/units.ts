//! The preview's keyed units: each top-level block of the post (or the blocks raw HTML holds
//! open together) in a `display: contents` wrapper, replaced one by one as the core's
//! patches say. A unit the patch does not name keeps its DOM nodes: loaded images, selection
//! and scroll position stay put while the user types elsewhere.

import type { Block } from "../ipc/bindings/Block";
import type { Update } from "../ipc/bindings/Update";

/** A unit in the DOM: `data-line` values inside read `line - origin + unit line`. */
interface Unit {
  key: number;
  line: number;
  origin: number;
  el: HTMLElement;
}

export class Units {
  private units: Unit[] = [];
  private at = 0;

  constructor(private readonly container: HTMLElement) {}

  /** The version of the core's renderer shown (0: none). */
  get version(): number {
    return this.at;
  }

  /** The keys in order (for tests). */
  keys(): number[] {
    return this.units.map((u) => u.key);
  }

  /** Forgets what is shown: the next patch must start from an empty preview. */
  reset(): void {
    this.at = 0;
  }

  /** Applies a patch; false, changing nothing, when it was made for another version. */
  apply(u: Update): boolean {
    const doc = this.container.ownerDocument;
    if (u.base_version === 0) {
      this.container.replaceChildren();
      this.units = [];
    } else if (u.base_version !== this.at) {
      return false;
    }
    const made = u.insert.map((b) => make(doc, b));
    const gone = this.units.splice(u.from, u.remove, ...made);
    for (const g of gone) g.el.remove();
    const after = u.from + made.length;
    const before = this.units[after]?.el ?? null;
    if (made.length === 1) this.container.insertBefore(made[0].el, before);
    else if (made.length > 1) {
      const frag = doc.createDocumentFragment();
      for (const m of made) frag.append(m.el);
      this.container.insertBefore(frag, before);
    }
    if (u.line_delta !== 0) for (let i = after; i < this.units.length; i++) this.units[i].line += u.line_delta;
    for (const r of u.replace) {
      const unit = make(doc, r.block);
      this.units[r.index]?.el.replaceWith(unit.el);
      this.units[r.index] = unit;
    }
    this.at = u.version;
    return true;
  }

  /** Every element with a source line, with that line (1-based, in the file). */
  lines(): { line: number; el: HTMLElement }[] {
    const out: { line: number; el: HTMLElement }[] = [];
    for (const unit of this.units) {
      unit.el.querySelectorAll<HTMLElement>("[data-line]").forEach((el) => {
        const line = Number(el.dataset.line) - unit.origin + unit.line;
        if (Number.isFinite(line)) out.push({ line, el });
      });
    }
    return out;
  }
}

function make(doc: Document, b: Block): Unit {
  const el = doc.createElement("div");
  el.className = "unit";
  el.innerHTML = b.html;
  // Links ask for a new window, which the app opens in the system browser (see preview.ts).
  el.querySelectorAll("a[href]").forEach((a) => a.setAttribute("target", "_blank"));
  return { key: b.key, line: b.line, origin: b.origin, el };
}
