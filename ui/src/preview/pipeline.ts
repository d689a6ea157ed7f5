//! Keystroke to preview: each change of the shown post asks the core for a render, the newest
//! request only (`LatestOnly`). After the first whole text, a request sends only the editor's
//! changes since the text the core took (a megabyte post would cost a megabyte of IPC per key
//! otherwise); the answer is a patch for the preview frame. `latency` measures it all.

import type { ChangeSet } from "@codemirror/state";
import type { Preview, TextEdit } from "../ipc";
import type { TocEntry } from "../ipc/bindings/TocEntry";
import { textChanges } from "../editor/changes";
import { Latency } from "./latency";
import { LatestOnly } from "./latest";
import type { PreviewPane } from "./preview";

/** The shown post, as the pipeline sees it. */
export interface Shown {
  path: string;
  head: string;
}

/** What the pipeline needs of the window and of the core. */
export interface PipelineHost<P extends Shown> {
  /** The post shown now. */
  current(): P | null;
  /** Its whole text: front matter and body. */
  fullText(p: P): string;
  /** Its body's length in UTF-16 code units. */
  bodyLength(p: P): number;
  /** Counts the editor's wholesale replacements of its text (not edits). */
  generation(): number;
  /** The editor's line breaks are LF only (its changes' offsets are the file's). */
  lfOnly(): boolean;
  render(path: string, text: string, seq: number, version: number): Promise<Preview | null>;
  /** Fails with code `preview_stale` when the core does not hold `edit.base`. */
  edit(path: string, edit: TextEdit, seq: number, version: number): Promise<Preview | null>;
  /** The newest request's patch is shown; `toc` is the shown page's outline. */
  shown(p: P, result: Preview, toc: TocEntry[]): void;
}

/** The request whose text the core took. */
interface Sent {
  path: string;
  head: string;
  generation: number;
  seq: number;
}

export class PreviewPipeline<P extends Shown> {
  readonly latency = new Latency();
  /** The preview frame has its page and styles (it loads while the blog and post open). */
  frameReady: Promise<void> = Promise.resolve();
  private seq = 0;
  private sent: Sent | null = null;
  /** The editor's changes since `sent`. */
  private since: ChangeSet | null = null;
  private readonly renderer = new LatestOnly<number>((n) => this.run(n));
  /** The outline of the preview's version: a patch sends it only when it changes. */
  private toc: TocEntry[] = [];

  constructor(
    private readonly host: PipelineHost<P>,
    private readonly preview: PreviewPane,
  ) {}

  /** The shown post changed: by the editor (`changes`, typed or not), or in its front matter. */
  changed(changes?: ChangeSet): void {
    if (changes) this.since = this.since ? this.since.compose(changes) : changes;
    this.latency.changed(performance.now(), changes ? requestAnimationFrame : undefined, () => performance.now());
  }

  /** Renders the shown post again (its newest text wins over requests not yet sent). */
  schedule(): void {
    this.seq += 1;
    this.renderer.push(this.seq);
  }

  private async run(n: number): Promise<void> {
    const host = this.host;
    await this.frameReady;
    const p = host.current();
    if (!p) return;
    const latency = this.latency;
    latency.requested(n);
    const generation = host.generation();
    const base = this.sent;
    const delta = this.since;
    this.since = null;
    const asEdit =
      base !== null && base.path === p.path && base.head === p.head && base.generation === generation && host.lfOnly();
    // A whole text that is dropped leaves no base behind.
    if (!asEdit) this.sent = null;
    let result: Preview | null;
    try {
      result = asEdit
        ? await host.edit(
            p.path,
            { base: base.seq, changes: delta ? textChanges(delta, p.head.length) : [], length: p.head.length + host.bodyLength(p) },
            n,
            this.preview.version,
          )
        : await host.render(p.path, host.fullText(p), n, this.preview.version);
    } catch (e) {
      if ((e as { code?: string }).code !== "preview_stale") throw e;
      // The core lost track of the text: send it whole.
      this.sent = null;
      latency.dropped(n);
      this.schedule();
      return;
    }
    latency.received(n);
    if (!result) {
      // Not rendered, so not taken: the changes still count from the old base.
      if (asEdit && delta) this.since = this.since ? delta.compose(this.since) : delta;
      latency.dropped(n);
      return;
    }
    const now = host.current();
    if (now === p) this.sent = { path: p.path, head: p.head, generation, seq: n };
    // A patch for the post shown is applied even when newer text is on its way: the next
    // render patches from it. One made for a preview we no longer show asks for all of it.
    if (now !== p) {
      latency.dropped(n);
      return;
    }
    if (!this.preview.apply(result.update)) {
      latency.dropped(n);
      this.preview.reset();
      this.schedule();
      return;
    }
    if (result.update.toc) this.toc = result.update.toc;
    latency.applied(result.seq, requestAnimationFrame, () => performance.now());
    if (result.seq === this.seq) host.shown(p, result, this.toc);
  }
}
