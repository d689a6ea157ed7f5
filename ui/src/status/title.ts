//! The window's title, as desktops list it: `● Post — Blog — Inkstone` (● while unsaved).

import { getCurrentWindow } from "@tauri-apps/api/window";

/** What the title is made of. */
export interface TitleHost {
  /** The post shown in the editor. */
  current(): { path: string; post: { title: string } } | null;
  /** The open blog. */
  blog(): { name: string } | null;
}

export class WindowTitle {
  private title = "";

  constructor(private readonly host: TitleHost) {}

  /** Sets the title (to the page and the window) when it changed. */
  set(dirty = false): void {
    const current = this.host.current();
    const parts = [current ? current.post.title || current.path.split("/").pop() || current.path : null, this.host.blog()?.name, "Inkstone"];
    const title = `${dirty ? "● " : ""}${parts.filter((x): x is string => !!x).join(" — ")}`;
    if (title === this.title) return;
    this.title = title;
    document.title = title;
    void getCurrentWindow()
      .setTitle(title)
      .catch(() => undefined);
  }
}
