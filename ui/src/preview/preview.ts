//! The preview pane: the core's sanitized HTML in an iframe sandboxed without scripts, as keyed
//! units (a top-level block each) that the core's patches replace one by one, so typing
//! touches only the edited block's DOM and scroll position, selection and loaded images stay
//! put. Each unit is a `display: contents` wrapper: the page lays out as if it were not there.
//!
//! Nothing can run inside the frame, and WebKit does not deliver the frame's events to our
//! listeners either. So links carry `target=_blank`: the click asks for a new window, which
//! the app denies and opens in the system browser instead (`#anchors` come back as
//! `scrollToId`). The preview's scroll position is sampled once a frame while the pointer is
//! over it or it has focus.

import type { Update } from "../ipc/bindings/Update";
import previewCss from "../styles/preview.css?raw";
import type { Anchor } from "./scrollsync";
import { anchorsAround, normalize } from "./scrollsync";
import { drawDiagrams } from "./diagrams";
import { Units } from "./units";

export interface PreviewCallbacks {
  /** The user scrolled the preview. */
  onScroll: () => void;
}

export class PreviewPane {
  private units: Units | null = null;
  private doc: Document | null = null;
  private article: HTMLElement | null = null;
  private lastY = 0;
  private watching = false;

  constructor(
    private readonly frame: HTMLIFrameElement,
    private readonly callbacks: PreviewCallbacks,
  ) {}

  private fontSize: number | null = null;

  /** The body text size in CSS pixels (the settings' preview text size). */
  setFontSize(px: number): void {
    this.fontSize = px;
    this.doc?.documentElement.style.setProperty("--preview-size", `${px}px`);
  }

  /** Loads the empty page with our styles; resolves when the frame is ready. */
  init(highlightCss: string, emptyText: string): Promise<void> {
    const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">
<style>${previewCss}</style><style>${highlightCss}</style></head>
<body><article id="content" class="markdown-body"><p class="empty">${emptyText}</p></article></body></html>`;
    return new Promise((resolve) => {
      this.frame.addEventListener(
        "load",
        () => {
          this.doc = this.frame.contentDocument;
          this.article = this.doc?.getElementById("content") ?? null;
          this.units = this.article ? new Units(this.article) : null;
          if (this.fontSize !== null) this.setFontSize(this.fontSize);
          resolve();
        },
        { once: true },
      );
      this.frame.srcdoc = html;
      this.frame.addEventListener("mouseenter", () => this.watch());
      this.frame.addEventListener("focus", () => this.watch());
    });
  }

  /** Samples the scroll position each frame while the user can be scrolling the preview. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const tick = () => {
      const y = this.scrollTop();
      if (y !== this.lastY) {
        this.lastY = y;
        this.callbacks.onScroll();
      }
      if (this.frame.matches(":hover") || document.activeElement === this.frame) requestAnimationFrame(tick);
      else this.watching = false;
    };
    requestAnimationFrame(tick);
  }

  /** The version of the core's renderer this preview shows (0: none). */
  get version(): number {
    return this.units?.version ?? 0;
  }

  /** Forgets what the preview shows: the next update must start from an empty one. */
  reset(): void {
    this.units?.reset();
  }

  /**
   * Applies the core's patch. Returns false, changing nothing, when it was made for another
   * version than the one shown (the caller then asks for the whole preview).
   */
  apply(u: Update): boolean {
    const done = this.units?.apply(u) ?? false;
    if (done) {
      // Diagrams the site draws are drawn here (the frame runs no script).
      const article = this.article;
      if (article?.querySelector("div.mermaid[data-mermaid]:not([data-drawn])")) {
        const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
        void drawDiagrams(article, dark);
      }
    }
    return done;
  }

  /** Scrolls to the element with `id` (a clicked `#anchor`). */
  scrollToId(id: string): void {
    this.doc?.getElementById(id)?.scrollIntoView({ block: "start" });
  }

  /**
   * The blocks around file `line` with their source line and offset, for scroll sync: the
   * units next to the one holding the line, measured (a long post has thousands of blocks;
   * measuring them all was a long task after every pause in typing).
   */
  anchorsNearLine(line: number): Anchor[] {
    const units = this.units;
    if (!units) return [];
    return this.anchorsAround(units.indexOfLine(line), (a) => a.line, line);
  }

  /** The blocks around preview offset `top`, like `anchorsNearLine`. */
  anchorsNearTop(top: number): Anchor[] {
    const units = this.units;
    const win = this.frame.contentWindow;
    if (!units || !win) return [];
    const i = units.indexAtTop(top, (el) => {
      const r = el.getBoundingClientRect();
      // A hidden element (raw `<style>`, `hidden`) has no box: its top says nothing.
      return r.width === 0 && r.height === 0 ? null : r.top + win.scrollY;
    });
    return this.anchorsAround(i, (a) => a.top, top);
  }

  /** The anchors of the units around index `i` holding `at` (see `anchorsAround`). */
  private anchorsAround(i: number, key: (a: Anchor) => number, at: number): Anchor[] {
    const units = this.units;
    const win = this.frame.contentWindow;
    if (!units || !win) return [];
    const measure = (from: number, to: number) =>
      normalize(units.linesOf(from, to).map(({ line, el }) => ({ line, top: el.getBoundingClientRect().top + win.scrollY })));
    return anchorsAround(i, units.length, measure, key, at);
  }

  scrollTop(): number {
    return this.frame.contentWindow?.scrollY ?? 0;
  }

  scrollHeight(): number {
    return this.doc?.documentElement.scrollHeight ?? 0;
  }

  /** Scrolls the preview without reporting it as the user's scroll. */
  scrollTo(top: number): void {
    this.frame.contentWindow?.scrollTo({ top, behavior: "instant" as ScrollBehavior });
    this.lastY = this.scrollTop();
  }

  /** The preview's document, for tests and measurements. */
  document(): Document | null {
    return this.doc;
  }
}
