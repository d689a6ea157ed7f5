//! `requestIdleCallback` where the webview lacks it (WebKit): CodeMirror parses a long post in
//! the background in slices sized by the idle deadline, and without one it takes 100 ms
//! slices on the main thread, during which a typed key waits. With this deadline a slice is
//! CodeMirror's shortest (25 ms). Imported first: CodeMirror looks for the function when its
//! module loads.

/** How long an idle callback may run, in ms, as the deadline tells it. */
export const IDLE_SLICE_MS = 10;

interface IdleWindow {
  requestIdleCallback?: (cb: (deadline: { didTimeout: boolean; timeRemaining: () => number }) => void, options?: { timeout?: number }) => number;
  cancelIdleCallback?: (id: number) => void;
}

/** Installs the stand-in on `w` unless it has its own; true when it did. */
export function installIdleCallback(w: IdleWindow & Pick<Window, "setTimeout" | "clearTimeout">): boolean {
  if (typeof w.requestIdleCallback === "function") return false;
  w.requestIdleCallback = (cb) =>
    w.setTimeout(() => {
      const start = performance.now();
      cb({ didTimeout: false, timeRemaining: () => Math.max(0, IDLE_SLICE_MS - (performance.now() - start)) });
    }, 1);
  w.cancelIdleCallback = (id) => w.clearTimeout(id);
  return true;
}

installIdleCallback(window);
