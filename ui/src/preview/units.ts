//! The preview's keyed units: each top-level block of the post (or the blocks raw HTML holds
//! open together) in a `display: contents` wrapper, replaced one by one as the core's
//! patches say. A unit the patch does not name keeps its DOM nodes: loaded images, selection
//! and scroll position stay put while the user types elsewhere. A long post (a 1 MB one has
//! thousands of units) shows its first units at once and adds the rest a chunk per task, so
//! the window stays responsive while it opens.

import type { Block } from "../ipc/bindings/Block";
import type { Update } from "../ipc/bindings/Update";

/** A unit: `data-line` values inside read `line - origin + unit line`. */
interface Unit {
  key: number;
  line: number;
  origin: number;
  /** Its wrapper, or null while it waits to be added (`html` then holds its HTML). */
  el: HTMLElement | null;
  html: string;
}

/** Units added at once when a long post opens; the rest follow in chunks of this size. */
const FIRST = 200;
const CHUNK = 500;

export class Units {
  private units: Unit[] = [];
  private at = 0;
  /** Index of the first unit not yet in the DOM (all after it wait too), or -1. */
  private waiting = -1;
  private scheduled = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly schedule: (task: () => void) => void = (task) => setTimeout(task, 0),
  ) {}

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

  /** How many units are in the DOM (the rest are on their way). */
  shown(): number {
    return this.waiting < 0 ? this.units.length : this.waiting;
  }

  /** Applies a patch; false, changing nothing, when it was made for another version. */
  apply(u: Update): boolean {
    const doc = this.container.ownerDocument;
    if (u.base_version === 0) {
      this.container.replaceChildren();
      this.units = u.insert.map((b) => ({ key: b.key, line: b.line, origin: b.origin, el: null, html: b.html }));
      this.waiting = 0;
      this.add(FIRST);
      this.at = u.version;
      return true;
    } else if (u.base_version !== this.at) {
      return false;
    }
    this.add(Infinity);
    const made = u.insert.map((b) => make(doc, b));
    const gone = this.units.splice(u.from, u.remove, ...made);
    for (const g of gone) g.el?.remove();
    const after = u.from + made.length;
    const before = this.units[after]?.el ?? null;
    if (made.length === 1) this.container.insertBefore(made[0].el as HTMLElement, before);
    else if (made.length > 1) {
      const frag = doc.createDocumentFragment();
      for (const m of made) frag.append(m.el as HTMLElement);
      this.container.insertBefore(frag, before);
    }
    if (u.line_delta !== 0) for (let i = after; i < this.units.length; i++) this.units[i].line += u.line_delta;
    for (const r of u.replace) {
      const unit = make(doc, r.block);
      this.units[r.index]?.el?.replaceWith(unit.el as HTMLElement);
      this.units[r.index] = unit;
    }
    this.at = u.version;
    return true;
  }

  /** Adds up to `n` waiting units to the DOM; schedules the rest. */
  private add(n: number): void {
    if (this.waiting < 0) return;
    const doc = this.container.ownerDocument;
    const end = Math.min(this.units.length, this.waiting + n);
    const frag = doc.createDocumentFragment();
    for (let i = this.waiting; i < end; i++) {
      const u = this.units[i];
      u.el = wrapper(doc, u.html);
      u.html = "";
      frag.append(u.el);
    }
    this.container.append(frag);
    this.waiting = end < this.units.length ? end : -1;
    if (this.waiting >= 0 && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.add(CHUNK);
      });
    }
  }

  /** Every element with a source line, with that line (1-based, in the file). */
  lines(): { line: number; el: HTMLElement }[] {
    return this.linesOf(0, this.units.length);
  }

  /** How many units there are (shown or on their way). */
  get length(): number {
    return this.units.length;
  }

  /** The elements with a source line in units `from` to `to` (exclusive), with that line. */
  linesOf(from: number, to: number): { line: number; el: HTMLElement }[] {
    this.addUntil(to);
    const out: { line: number; el: HTMLElement }[] = [];
    for (const unit of this.units.slice(Math.max(from, 0), to)) {
      unit.el?.querySelectorAll<HTMLElement>("[data-line]").forEach((el) => {
        const line = Number(el.dataset.line) - unit.origin + unit.line;
        if (Number.isFinite(line)) out.push({ line, el });
      });
    }
    return out;
  }

  /** The index of the last unit that starts at or before file `line` (0 before the first;
   * -1 when there are none). Units are in file order. */
  indexOfLine(line: number): number {
    let lo = 0;
    let hi = this.units.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.units[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    return hi < 0 ? -1 : lo;
  }

  /**
   * The index of the last unit whose first element's top (`topOf`; null for an element
   * without a box) is at or above `top`
   * (0 before the first; -1 when there are none): a binary search, so a scroll measures a
   * few blocks of a long post instead of all of them.
   */
  indexAtTop(top: number, topOf: (el: Element) => number | null): number {
    this.addUntil(this.units.length);
    let lo = 0;
    let hi = this.units.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      // A unit without an element that has a box (a raw HTML comment, a hidden element:
      // `topOf` gives null) takes the top of the next one that has.
      let k = mid;
      let at: number | null = null;
      for (; k <= hi; k++) {
        const el = this.units[k].el?.firstElementChild;
        if (el && (at = topOf(el)) !== null) break;
      }
      if (at !== null && at <= top) lo = k;
      else hi = mid - 1;
    }
    return hi < 0 ? -1 : lo;
  }

  /** Puts every unit before index `to` in the DOM (a long post adds its units a chunk a task). */
  private addUntil(to: number): void {
    if (this.waiting >= 0 && this.waiting < to) this.add(to - this.waiting);
  }
}

function wrapper(doc: Document, html: string): HTMLElement {
  const el = doc.createElement("div");
  el.className = "unit";
  el.innerHTML = html;
  // Links ask for a new window, which the app opens in the system browser (see preview.ts).
  el.querySelectorAll("a[href]").forEach((a) => a.setAttribute("target", "_blank"));
  return el;
}

function make(doc: Document, b: Block): Unit {
  return { key: b.key, line: b.line, origin: b.origin, el: wrapper(doc, b.html), html: "" };
}
