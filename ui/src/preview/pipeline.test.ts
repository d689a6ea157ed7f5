// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { Preview } from "../ipc";
import type { TocEntry } from "../ipc/bindings/TocEntry";
import type { Update } from "../ipc/bindings/Update";
import { PreviewPipeline, type Shown } from "./pipeline";
import { patchOf } from "../testing";
import type { PreviewPane } from "./preview";

const heading = (line: number, text: string): TocEntry => ({ level: 2, text, id: text.toLowerCase(), line });

const update = (base_version: number, version: number, toc: TocEntry[] | null): Update =>
  patchOf(base_version, version, { toc, images: toc && [], warnings: toc && [] });

/** The preview as the pipeline sees it: a version that takes patches from itself, or from 0. */
class FakePane {
  version = 0;
  apply(u: Update): boolean {
    if (u.base_version !== 0 && u.base_version !== this.version) return false;
    this.version = u.version;
    return true;
  }
  reset(): void {
    this.version = 0;
  }
}

function setup(answers: ((seq: number, have: number) => Update)[]) {
  const post: Shown = { path: "content/posts/a.md", head: "---\n---\n" };
  const shown: TocEntry[][] = [];
  const pane = new FakePane();
  const answer = (seq: number, have: number): Promise<Preview> => {
    const next = answers.shift();
    if (!next) throw new Error("no answer left");
    return Promise.resolve({ seq, update: next(seq, have), error: null });
  };
  const pipeline = new PreviewPipeline<Shown>(
    {
      current: () => post,
      fullText: () => post.head + "body",
      bodyLength: () => 4,
      generation: () => 0,
      lfOnly: () => false,
      render: (_path, _text, seq, have) => answer(seq, have),
      edit: (_path, _edit, seq, have) => answer(seq, have),
      shown: (_p, _result, toc) => shown.push(toc),
    },
    pane as unknown as PreviewPane,
  );
  return { pipeline, pane, shown };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the outline beside the preview", () => {
  it("stays the one the preview's version has when a patch leaves it out", async () => {
    const toc = [heading(3, "Intro"), heading(9, "Loop")];
    const { pipeline, pane, shown } = setup([
      () => update(0, 1, toc),
      (_, have) => update(have, 2, null),
      () => update(0, 1, [heading(3, "Intro")]),
    ]);
    pipeline.schedule();
    await settle();
    pipeline.schedule();
    await settle();
    expect(shown).toEqual([toc, toc]);
    expect(pane.version).toBe(2);
    // The preview lost its page: the core answers from 0 with the outline again.
    pane.reset();
    pipeline.schedule();
    await settle();
    expect(shown[2]).toEqual([heading(3, "Intro")]);
  });

  it("is taken from a patch that is applied but not shown (a newer request was on its way)", async () => {
    const first = [heading(3, "Intro")];
    const second = [heading(3, "Intro"), heading(5, "New")];
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const { pipeline, shown } = setup([() => update(0, 1, first), (_, have) => update(have, 2, second), (_, have) => update(have, 3, null)]);
    pipeline.schedule();
    await settle();
    // Two keys: the second request is sent only after the first answer, which is applied
    // (the next patch builds on it) but not shown; the third leaves the outline out.
    pipeline.frameReady = held;
    pipeline.schedule();
    pipeline.schedule();
    release();
    await settle();
    await settle();
    expect(shown.at(-1)).toEqual(second);
  });
});
