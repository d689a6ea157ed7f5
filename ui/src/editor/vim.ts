//! Vim key bindings, loaded the first time the setting is on: about a third of the editor's
//! script, which a start-up without them has no use for.

import type { Extension } from "@codemirror/state";
import { Vim, vim } from "@replit/codemirror-vim";

/** The app's shortcuts that Vim's normal mode would take as motions (Ctrl+N and Ctrl+P are
 * `j` and `k` there): they stay the app's, new post and open post, as in other editors' Vim
 * modes. Returns the keys released. */
export function releaseAppKeys(): string[] {
  // The default key map's entries are for every mode: no mode is named.
  const everyMode = undefined as unknown as string;
  return ["<C-n>", "<C-p>"].filter((keys) => Vim.unmap(keys, everyMode) === true);
}
releaseAppKeys();

/** The key bindings, with Vim's `:w` saving like Mod-s. */
export function vimKeys(onSave: () => void): Extension {
  Vim.defineEx("write", "w", () => onSave());
  return vim();
}
