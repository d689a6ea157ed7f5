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

/**
 * The anchors of the units around index `i` (of `length`; `measure(from, to)` gives the
 * normalized anchors of units `from` to `to`, exclusive), widened until they hold `at`
 * between their first and last (compared by `key`: line or top) or reach the start or the
 * end of the post. Interpolating between them then gives what all the anchors would, while
 * a long post measures a few blocks instead of thousands.
 */
export function anchorsAround(
  i: number,
  length: number,
  measure: (from: number, to: number) => Anchor[],
  key: (a: Anchor) => number,
  at: number,
): Anchor[] {
  if (!Number.isInteger(i) || i < 0 || length === 0) return [];
  for (let span = 2; ; span *= 4) {
    const from = Math.max(0, i - span);
    const to = Math.min(length, i + span + 1);
    const found = measure(from, to);
    const first = found[0];
    const last = found[found.length - 1];
    const before = from === 0 || (first !== undefined && key(first) <= at);
    const after = to === length || (last !== undefined && key(last) > at);
    if (before && after) return found;
  }
}
