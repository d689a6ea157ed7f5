//! Keystroke to painted preview, measured in the page: from the key's event time to the end
//! of the frame that shows the patch holding it. Keystrokes typed while a render runs ride
//! with the next request. And keystroke to painted editor (the echo): from the key's event
//! time to the end of the frame that follows the editor's change. `make bench` reads both
//! (`window.__inkstoneLatency`).

export class Latency {
  /** Keystrokes not yet sent in a render request (event times, ms). */
  private pending: number[] = [];
  private inflight = new Map<number, number[]>();
  private lastKey = -Infinity;
  /** Keystroke → preview painted: milliseconds, oldest first; the last 2,000 kept. */
  readonly samples: number[] = [];
  /** Keystroke → editor painted (the echo): milliseconds, oldest first; the last 2,000 kept. */
  readonly echoes: number[] = [];
  /**
   * Where the time of each painted request went: [first key→request, request→response,
   * response→applied, applied→painted].
   */
  readonly phases: number[][] = [];
  private sent = new Map<number, number>();
  private got = new Map<number, number>();

  /** A key went down (it may not change the text). */
  keydown(time: number): void {
    this.lastKey = time;
  }

  /**
   * The text changed: by the last key when it was just pressed, else now. The editor has
   * its change in the DOM: when a key made it, the frame that follows shows it (the echo).
   */
  changed(now: number, frame?: (cb: () => void) => void, clock?: () => number): void {
    const byKey = now - this.lastKey < 200;
    const key = byKey ? this.lastKey : now;
    this.pending.push(key);
    this.lastKey = -Infinity;
    if (!byKey || !frame || !clock) return;
    frame(() =>
      setTimeout(() => {
        this.echoes.push(clock() - key);
        if (this.echoes.length > 2000) this.echoes.splice(0, this.echoes.length - 2000);
      }, 0),
    );
  }

  /** Render request `seq` carries the pending keystrokes. */
  requested(seq: number, now = performance.now()): void {
    this.sent.set(seq, now);
    if (this.pending.length === 0) return;
    this.inflight.set(seq, this.pending);
    this.pending = [];
  }

  /** Request `seq` was dropped unrendered: its keystrokes go with the next one. */
  dropped(seq: number): void {
    this.sent.delete(seq);
    const keys = this.inflight.get(seq);
    if (!keys) return;
    this.inflight.delete(seq);
    this.pending.unshift(...keys);
  }

  /** The answer to request `seq` arrived. */
  received(seq: number, now = performance.now()): void {
    this.got.set(seq, now);
  }

  /** The patch of request `seq` is in the DOM: it paints with the coming frame. */
  applied(seq: number, frame: (cb: () => void) => void, now: () => number): void {
    const sent = this.sent.get(seq);
    const got = this.got.get(seq);
    this.sent.delete(seq);
    this.got.delete(seq);
    const applied = now();
    const keys: number[] = [];
    for (const [s, k] of this.inflight) {
      if (s <= seq) {
        keys.push(...k);
        this.inflight.delete(s);
      }
    }
    if (keys.length === 0) return;
    frame(() => {
      // After the frame's callbacks: the task that follows runs once it has painted.
      setTimeout(() => {
        const t = now();
        for (const k of keys) this.samples.push(t - k);
        if (sent !== undefined && got !== undefined)
          this.phases.push([sent - Math.min(...keys), got - sent, applied - got, t - applied]);
        if (this.phases.length > 2000) this.phases.splice(0, this.phases.length - 2000);
        if (this.samples.length > 2000) this.samples.splice(0, this.samples.length - 2000);
      }, 0);
    });
  }
}
