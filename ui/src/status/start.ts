//! The start measured: moments of it, reported with `appReady` (where the time to an editable
//! window goes).

export class StartMarks {
  /** Made when the window's script runs: its first moment. */
  private readonly marks: [string, number][] = [["script", performance.now()]];

  /** Records a moment of the start once (later blogs and posts are not the start). */
  mark(name: string): void {
    if (!this.marks.some(([k]) => k === name)) this.marks.push([name, performance.now()]);
  }

  /** The moments, the page's first among them, on the Unix epoch's clock. */
  report(): [string, number][] {
    // On the page's clock (from when the page began to load) converted to the Unix epoch's.
    const page = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const marks: [string, number][] = [["page", page?.fetchStart ?? 0], ...this.marks];
    const epoch = (ms: number) => performance.timeOrigin + ms;
    return marks.map(([k, v]) => [k, epoch(v)]);
  }
}
