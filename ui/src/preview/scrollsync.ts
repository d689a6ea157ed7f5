//! Scroll sync between editor and preview from source lines. Pure: anchors in, positions out.

/** A preview block: its first source line and its top offset in the preview, in pixels. */
export interface Anchor {
  line: number;
  top: number;
}

/** Anchors sorted by line with strictly increasing lines (first occurrence wins). */
export function normalize(anchors: Anchor[]): Anchor[] {
  const sorted = [...anchors].sort((a, b) => a.line - b.line || a.top - b.top);
  const out: Anchor[] = [];
  for (const a of sorted) {
    if (out.length === 0 || a.line > out[out.length - 1].line) out.push(a);
  }
  return out;
}

/** The preview offset that shows source `line` (fractional lines allowed), interpolated. */
export function topForLine(anchors: Anchor[], line: number, end = Infinity): number {
  if (anchors.length === 0) return 0;
  if (line <= anchors[0].line) return anchors[0].top * Math.max(0, line / anchors[0].line);
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i];
    const b = anchors[i + 1];
    if (!b) {
      return a.top + (Number.isFinite(end) ? Math.min(end - a.top, (line - a.line) * 20) : (line - a.line) * 20);
    }
    if (line < b.line) return a.top + ((b.top - a.top) * (line - a.line)) / (b.line - a.line);
  }
  return anchors[anchors.length - 1].top;
}

/** The source line shown at preview offset `top`, interpolated between anchors. */
export function lineForTop(anchors: Anchor[], top: number): number {
  if (anchors.length === 0) return 1;
  if (top <= anchors[0].top) return anchors[0].line;
  for (let i = 0; i < anchors.length - 1; i++) {
    const a = anchors[i];
    const b = anchors[i + 1];
    if (top < b.top) {
      const span = b.top - a.top;
      return span <= 0 ? a.line : a.line + ((b.line - a.line) * (top - a.top)) / span;
    }
  }
  return anchors[anchors.length - 1].line;
}
