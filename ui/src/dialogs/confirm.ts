//! Yes/no questions in the system's own dialog. Each question asked is counted on
//! `document.body.dataset.questions`, so the real-window tests can see that one action asks
//! once (the native dialog itself is outside the page).

import { ask } from "@tauri-apps/plugin-dialog";

export function confirm(message: string, kind: "info" | "warning" | "error" = "warning"): Promise<boolean> {
  const asked = Number(document.body.dataset.questions ?? "0") + 1;
  document.body.dataset.questions = String(asked);
  return ask(message, { title: "Inkstone", kind });
}
