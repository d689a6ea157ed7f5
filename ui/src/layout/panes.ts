//! The window's panes: the library's width and the editor/preview split, dragged (or moved
//! with the arrow keys) on their separators, and where the user left each blog (`Place`),
//! saved a moment after it changes and when the page goes away.

import { h } from "../dom";
import { DEFAULT_PLACE, LIBRARY_WIDTH, type Place, SPLIT, loadPlace, savePlace, separator } from "./place";

/** What the panes need of the window. */
export interface PanesHost {
  /** The open blog's root, or null. */
  blogRoot(): string | null;
  /** The open post, its caret and the editor's top line (post null when none is open). */
  here(): Pick<Place, "post" | "caret" | "top">;
  /** The panes changed size: the editor and the preview measure again. */
  resized(): void;
}

const clampTo = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));

export class Panes {
  /** Where the user left the open blog. */
  place: Place = { ...DEFAULT_PLACE };
  /** The blog `place` belongs to (null while another is being opened). */
  private root: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly edge = h("div", { class: "library-edge", "data-testid": "library-edge" });

  constructor(
    private readonly storage: Storage | null,
    private readonly app: HTMLElement,
    library: HTMLElement,
    private readonly panes: HTMLElement,
    private readonly divider: HTMLElement,
    labels: { library: string; split: string },
    private readonly host: PanesHost,
  ) {
    library.append(this.edge);
    const done = () => this.remember();
    separator(
      this.edge,
      labels.library,
      (x, step) => {
        this.place.library = Math.round(clampTo(x ?? this.place.library + step * 16, LIBRARY_WIDTH));
        this.apply();
      },
      done,
    );
    separator(
      divider,
      labels.split,
      (x, step) => {
        const r = panes.getBoundingClientRect();
        this.place.split = clampTo(x === null ? this.place.split + step * 0.02 : (x - r.left) / Math.max(r.width, 1), SPLIT);
        this.apply();
      },
      done,
    );
    this.edge.setAttribute("aria-valuemin", String(LIBRARY_WIDTH[0]));
    this.edge.setAttribute("aria-valuemax", String(LIBRARY_WIDTH[1]));
    divider.setAttribute("aria-valuemin", String(SPLIT[0] * 100));
    divider.setAttribute("aria-valuemax", String(SPLIT[1] * 100));
    window.addEventListener("pagehide", done);
  }

  apply(): void {
    this.app.style.setProperty("--library-width", `${this.place.library}px`);
    this.panes.style.setProperty("--panes-columns", `minmax(0, ${this.place.split}fr) 7px minmax(0, ${1 - this.place.split}fr)`);
    this.edge.setAttribute("aria-valuenow", String(this.place.library));
    this.divider.setAttribute("aria-valuenow", String(Math.round(this.place.split * 100)));
    this.host.resized();
  }

  /** Saves where the user is in the open blog. */
  remember(): void {
    clearTimeout(this.timer);
    // Only once `place` is this blog's: a blog being opened does not get the last one's place.
    const root = this.host.blogRoot();
    if (!root || this.root !== root) return;
    this.place = { ...this.place, ...this.host.here() };
    savePlace(this.storage, root, this.place);
  }

  rememberSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.remember(), 400);
  }

  /** Another blog is being opened: nothing is saved until `load` gives its place. */
  leave(): void {
    this.root = null;
  }

  /** The place left in the blog at `root`, applied to the panes. */
  load(root: string): Place {
    this.place = loadPlace(this.storage, root);
    this.root = root;
    this.apply();
    return this.place;
  }
}
