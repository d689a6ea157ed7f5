//! A failure nothing caught (a bug) is said in the status bar instead of passing unseen, and
//! kept for the real-window tests, which print the list when they time out.

export class Uncaught {
  /** What failed, oldest first. */
  readonly messages: string[] = [];

  /** Listens to the window's errors and unhandled rejections; `say` tells the user. */
  constructor(private readonly say: (message: string) => void) {
    window.addEventListener("error", (e) => this.report(e.error ?? e.message));
    window.addEventListener("unhandledrejection", (e) => this.report(e.reason));
  }

  private report(what: unknown): void {
    const message = what instanceof Error ? what.message : String(what);
    this.messages.push(message);
    this.say(message);
  }
}
