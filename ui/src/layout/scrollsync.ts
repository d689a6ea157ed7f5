//! Scroll sync between the editor and the preview: whichever side the user scrolls leads; the
//! other follows. The preview never reports our own scrolling of it; the editor's scroll
//! events are muted briefly after we scroll it, so the two never chase each other. (Lines to
//! offsets and back: preview/scrollsync.ts.)

import { bodyLine } from "../buffer/posts";
import type { Editor } from "../editor/editor";
import type { PreviewPane } from "../preview/preview";
import { lineForTop, topForLine } from "../preview/scrollsync";
import type { SideBySide } from "../translate/sidebyside";

/** What scroll sync needs of the window. */
export interface ScrollHost {
  /** The shown post (its front matter's lines come before the editor's first line). */
  current(): { head: string } | null;
  editor: Pick<Editor, "topLine" | "scrollToLine">;
  preview: Pick<PreviewPane, "anchorsNearLine" | "anchorsNearTop" | "scrollTop" | "scrollHeight" | "scrollTo">;
  /** Side by side, which scrolls the original with the translation instead. */
  sideBySide: Pick<SideBySide, "active" | "follow">;
}

export class ScrollSync {
  private muteEditorUntil = 0;
  private syncFrame = 0;
  private resyncTimer = 0;

  constructor(private readonly host: ScrollHost) {}

  /** We scroll the editor: its scroll events for the next `ms` are ours, not the user's. */
  muteEditor(ms: number): void {
    this.muteEditorUntil = performance.now() + ms;
  }

  /**
   * After the preview changed, it is brought back in line with the editor once typing pauses:
   * measuring blocks' positions needs the preview laid out, which does not belong in the
   * frame that shows a keystroke.
   */
  resyncSoon(): void {
    clearTimeout(this.resyncTimer);
    this.resyncTimer = window.setTimeout(() => this.fromEditor(), 150);
  }

  /** The editor scrolled: the preview (or, side by side, the original) follows. */
  fromEditor(): void {
    const { editor, preview, sideBySide } = this.host;
    const p = this.host.current();
    if (!p || performance.now() < this.muteEditorUntil) return;
    cancelAnimationFrame(this.syncFrame);
    this.syncFrame = requestAnimationFrame(() => {
      if (sideBySide.active) return sideBySide.follow();
      const fileLine = bodyLine(p.head) + editor.topLine() - 1;
      preview.scrollTo(topForLine(preview.anchorsNearLine(fileLine), fileLine, preview.scrollHeight()));
    });
  }

  /** The preview scrolled: the editor follows (not side by side, where the preview is hidden). */
  fromPreview(): void {
    const { editor, preview, sideBySide } = this.host;
    const p = this.host.current();
    if (!p || sideBySide.active) return;
    cancelAnimationFrame(this.syncFrame);
    this.syncFrame = requestAnimationFrame(() => {
      const top = preview.scrollTop();
      const fileLine = lineForTop(preview.anchorsNearTop(top), top);
      this.muteEditor(100);
      editor.scrollToLine(fileLine - bodyLine(p.head) + 1);
    });
  }
}
