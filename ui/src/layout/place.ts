//! Where the user left each blog: the library's width, the split between editor and preview,
//! the open post with its caret and the editor's top line. Kept in the page's storage (the
//! app's data folder), one entry per blog root; the window's own size and position are the
//! window-state plugin's.

export interface Place {
  /** The library's width in CSS pixels. */
  library: number;
  /** The editor's share of the editor + preview width, 0.15–0.85. */
  split: number;
  /** The open post (relative to the blog root), its caret offset and the top line shown. */
  post: string | null;
  caret: number;
  top: number;
}

export const DEFAULT_PLACE: Readonly<Place> = Object.freeze({ library: 280, split: 0.5, post: null, caret: 0, top: 1 });
export const LIBRARY_WIDTH: readonly [number, number] = [200, 560];
export const SPLIT: readonly [number, number] = [0.15, 0.85];

const PREFIX = "inkstone.place:";

function clamp(v: unknown, [lo, hi]: readonly [number, number], fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}

/** A place from anything stored: bad values become the defaults. */
export function sanitizePlace(raw: unknown): Place {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  return {
    library: Math.round(clamp(r.library, LIBRARY_WIDTH, DEFAULT_PLACE.library)),
    split: clamp(r.split, SPLIT, DEFAULT_PLACE.split),
    post: typeof r.post === "string" && r.post !== "" ? r.post : null,
    caret: Math.round(clamp(r.caret, [0, Number.MAX_SAFE_INTEGER], 0)),
    top: clamp(r.top, [1, Number.MAX_SAFE_INTEGER], 1),
  };
}

export function loadPlace(storage: Pick<Storage, "getItem"> | null, root: string): Place {
  try {
    return sanitizePlace(JSON.parse(storage?.getItem(PREFIX + root) ?? "{}"));
  } catch {
    return { ...DEFAULT_PLACE };
  }
}

export function savePlace(storage: Pick<Storage, "setItem"> | null, root: string, place: Place): void {
  try {
    storage?.setItem(PREFIX + root, JSON.stringify(place));
  } catch {
    // A full storage loses the place, never the work.
  }
}

/**
 * A draggable, keyboard-operable separator (`role=separator`): `onMove` gets the pointer's x
 * while dragging, or a step (-1/+1) from the arrow keys; `onDone` when a move ends.
 */
export function separator(el: HTMLElement, label: string, onMove: (x: number | null, step: number) => void, onDone: () => void): void {
  el.setAttribute("role", "separator");
  el.setAttribute("aria-orientation", "vertical");
  el.setAttribute("aria-label", label);
  el.tabIndex = 0;
  el.removeAttribute("aria-hidden");
  el.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    el.setPointerCapture(e.pointerId);
    document.body.classList.add("resizing");
    const move = (m: PointerEvent) => onMove(m.clientX, 0);
    const up = () => {
      el.removeEventListener("pointermove", move);
      el.removeEventListener("pointerup", up);
      el.removeEventListener("pointercancel", up);
      document.body.classList.remove("resizing");
      onDone();
    };
    el.addEventListener("pointermove", move);
    el.addEventListener("pointerup", up);
    el.addEventListener("pointercancel", up);
  });
  el.addEventListener("keydown", (e) => {
    const step = e.key === "ArrowLeft" ? -1 : e.key === "ArrowRight" ? 1 : 0;
    if (!step) return;
    e.preventDefault();
    onMove(null, step);
    onDone();
  });
}
