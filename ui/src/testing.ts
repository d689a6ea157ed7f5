//! Helpers for the unit tests (jsdom).

import type { Update } from "./ipc/bindings/Update";

/** A preview patch from `base_version` to `version`: empty but for `patch`, its lists given. */
export function patchOf(base_version: number, version: number, patch: Partial<Update> = {}): Update {
  return {
    version,
    base_version,
    from: 0,
    remove: 0,
    insert: [],
    line_delta: 0,
    replace: [],
    toc: [],
    words: 0,
    reading_minutes: 0,
    images: [],
    summary_divider_line: null,
    warnings: [],
    ...patch,
  };
}

/** A `<dialog>` in the document whose showModal/close work (jsdom has no modal dialogs);
 * `close` fires the `close` event as a browser does. */
export function fakeDialog(): HTMLDialogElement {
  const d = document.createElement("dialog");
  d.showModal = function () {
    this.open = true;
  };
  d.close = function () {
    this.open = false;
    this.dispatchEvent(new Event("close"));
  };
  document.body.append(d);
  return d;
}
