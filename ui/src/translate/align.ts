//! Lines of a translation and of its original that show the same part of the post: the n-th
//! heading of one is the n-th heading of the other (a translation keeps the outline), and the
//! lines between two headings map proportionally. Pure: texts in, lines out.

/** The 1-based lines of the ATX (`## x`) and setext (`x` over `---`/`===`) headings outside
 * fenced code, in order. */
export function headingLines(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const out: number[] = [];
  let fence: string | null = null;
  // The line before was paragraph text (what a setext underline turns into a heading).
  let paragraph = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence !== null) {
      // Closed by a fence of the same character, at least as long, with nothing after it.
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = open[1];
      paragraph = false;
    } else if (/^ {0,3}#{1,6}(\s|$)/.test(line)) {
      out.push(i + 1);
      paragraph = false;
    } else if (paragraph && /^ {0,3}(=+|-+)\s*$/.test(line)) {
      out.push(i);
      paragraph = false;
    } else {
      // Blank lines, list items, quotes and rules start no paragraph.
      paragraph = line.trim() !== "" && !/^ {0,3}([-*+]\s|\d+[.)]\s|>|(\*\s*){3,}$|(-\s*){3,}$|(_\s*){3,}$)/.test(line);
    }
  }
  return out;
}

/**
 * The (fractional) line of the other text that shows what `line` shows in this one. `from`
 * and `to` are the two texts' heading lines, `fromLines` and `toLines` their line counts:
 * the texts' starts, their headings in order (as many as both have) and their ends are
 * matched, and a line between two of those lands at the same fraction of the way.
 */
export function alignLine(from: number[], to: number[], line: number, fromLines: number, toLines: number): number {
  const n = Math.min(from.length, to.length);
  const a = [1, ...from.slice(0, n), fromLines + 1];
  const b = [1, ...to.slice(0, n), toLines + 1];
  for (let i = 0; i < a.length - 1; i++) {
    if (line < a[i + 1] || i === a.length - 2) {
      const span = a[i + 1] - a[i];
      const f = span > 0 ? Math.min(Math.max((line - a[i]) / span, 0), 1) : 0;
      return b[i] + f * (b[i + 1] - b[i]);
    }
  }
  return 1;
}
