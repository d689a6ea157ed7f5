//! The app's settings put in effect: the theme (the window's, and so the preview's and the
//! diagrams'), the editor's font, line width and options, the preview's text size. Applied
//! before the first post shows, and at once when changed.

import { getCurrentWindow } from "@tauri-apps/api/window";
import type { EditorOptions } from "../editor/options";
import { type Prefs, editorStyle } from "./prefs";

/** What the settings act on besides the page's style. */
export interface ApplyHost {
  /** The editor takes its options (line numbers, Vim keys, spell checking). */
  configure(options: EditorOptions): void;
  /** The preview's body text size in CSS pixels. */
  previewFontSize(px: number): void;
  /** Sizes may have changed: the editor and the preview measure again. */
  measure(): void;
}

export class AppliedPrefs {
  /** The window's theme is set only once the user picked one (see `apply`). */
  private themeSet = false;

  constructor(
    /** The settings in effect. */
    public prefs: Prefs,
    private readonly host: ApplyHost,
  ) {}

  apply(next: Prefs): void {
    const root = document.documentElement;
    root.dataset.theme = next.theme;
    for (const [name, value] of Object.entries(editorStyle(next))) {
      if (value === null) root.style.removeProperty(name);
      else root.style.setProperty(name, value);
    }
    this.host.configure(next);
    this.host.previewFontSize(next.previewFontSize);
    this.host.measure();
    // The window's theme is the system's until the user picks one: both the window and the
    // preview follow it (`prefers-color-scheme`), as do diagrams drawn after.
    if (next.theme !== "system" || this.themeSet) {
      this.themeSet = true;
      void getCurrentWindow()
        .setTheme(next.theme === "system" ? null : next.theme)
        .catch(() => undefined);
    }
    this.prefs = next;
  }
}
