//! Latest request wins: at most one job runs; while it runs, newer inputs replace each other,
//! and only the newest runs next. Fast typing never queues renders.

export class LatestOnly<I> {
  private running = false;
  private pending: { input: I } | null = null;

  constructor(private readonly job: (input: I) => Promise<void>) {}

  /** Schedules `input`; returns when it (or a newer input that replaced it) has run. */
  push(input: I): void {
    if (this.running) {
      this.pending = { input };
      return;
    }
    void this.run(input);
  }

  get busy(): boolean {
    return this.running;
  }

  private async run(input: I): Promise<void> {
    this.running = true;
    try {
      await this.job(input);
    } catch (e) {
      console.error("preview job failed", e);
    } finally {
      this.running = false;
    }
    const next = this.pending;
    this.pending = null;
    if (next) await this.run(next.input);
  }
}
