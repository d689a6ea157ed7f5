//! Helpers for the unit tests (jsdom).

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
