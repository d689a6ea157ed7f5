import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import type { TextEdit } from "../ipc";
import { Journal, type JournalHost } from "./journal";

/** The core's side: the text of each path and its version, edits applied as it does. */
class Core {
  texts = new Map<string, { version: number; text: string }>();
  wholes = 0;
  edits = 0;
  private versions = 0;
  async write(path: string, text: string): Promise<number> {
    this.wholes += 1;
    this.texts.set(path, { version: ++this.versions, text });
    return this.versions;
  }
  async edit(path: string, edit: TextEdit): Promise<number> {
    const held = this.texts.get(path);
    if (!held || held.version !== edit.base) throw Object.assign(new Error("stale"), { code: "journal_stale" });
    let out = "";
    let at = 0;
    for (const c of edit.changes) {
      out += held.text.slice(at, c.from) + c.insert;
      at = c.to;
    }
    out += held.text.slice(at);
    if (out.length !== edit.length) throw Object.assign(new Error("stale"), { code: "journal_stale" });
    this.edits += 1;
    this.texts.set(path, { version: ++this.versions, text: out });
    return this.versions;
  }
}

interface Post {
  path: string;
  head: string;
  saved: string;
}

function setup() {
  const core = new Core();
  const post: Post = { path: "content/posts/a.md", head: "---\ntitle: 调谐\n---\n", saved: "" };
  let state = EditorState.create({ doc: "body 🚀\n" });
  let generation = 0;
  const errors: Error[] = [];
  const host: JournalHost<Post> = {
    isOpen: () => true,
    isShown: () => true,
    isDirty: (p) => p.head + state.doc.toString() !== p.saved,
    fullText: (p) => p.head + state.doc.toString(),
    bodyLength: () => state.doc.length,
    generation: () => generation,
    lfOnly: () => true,
    write: (path, text) => core.write(path, text),
    edit: (path, edit) => core.edit(path, edit),
    clear: async (path) => void core.texts.delete(path),
    failed: (e) => errors.push(e),
  };
  const journal = new Journal(host, 0);
  const type = (from: number, insert: string, to = from) => {
    const tr = state.update({ changes: { from, to, insert } });
    state = tr.state;
    journal.changed(post, tr.changes);
  };
  const flush = async () => {
    journal.schedule(post);
    await new Promise((r) => setTimeout(r, 5));
  };
  return {
    core,
    errors,
    post,
    journal,
    type,
    flush,
    text: () => post.head + state.doc.toString(),
    replace: (body: string) => {
      state = EditorState.create({ doc: body });
      generation += 1;
    },
  };
}

describe("the crash journal", () => {
  it("sends the whole text once, then only the edits, and holds what the editor holds", async () => {
    const s = setup();
    s.type(5, "x");
    await s.flush();
    expect(s.core.wholes).toBe(1);
    s.type(0, "中文 ");
    s.type(s.text().length - s.post.head.length, "end\n");
    await s.flush();
    s.type(2, "", 4); // a deletion
    await s.flush();
    expect(s.core.wholes).toBe(1);
    expect(s.core.edits).toBe(2);
    expect(s.core.texts.get(s.post.path)?.text).toBe(s.text());
  });

  it("sends the whole text again after the front matter changed, the text was replaced, or the core lost it", async () => {
    const s = setup();
    s.type(0, "a");
    await s.flush();
    s.post.head = "---\ntitle: new\n---\n";
    s.journal.changed(s.post);
    await s.flush();
    expect(s.core.wholes).toBe(2);
    s.replace("reloaded\n");
    await s.flush();
    expect(s.core.wholes).toBe(3);
    // The core restarted its journal (or cleared it): the edit is refused, the whole goes.
    s.core.texts.clear();
    s.type(0, "b");
    await s.flush();
    expect(s.core.wholes).toBe(4);
    expect(s.core.texts.get(s.post.path)?.text).toBe(s.text());
  });

  it("forgets a buffer its file holds", async () => {
    const s = setup();
    s.type(0, "a");
    await s.flush();
    s.post.saved = s.text();
    await s.flush();
    expect(s.core.texts.has(s.post.path)).toBe(false);
  });

  it("writes the whole text on closing after the edit in flight, so the journal ends with the newest text", async () => {
    const s = setup();
    s.type(0, "a");
    await s.flush();
    // The core answers the next edit late: the window closes meanwhile.
    const edit = s.core.edit.bind(s.core);
    s.core.edit = (path, e) => new Promise((r) => setTimeout(() => r(edit(path, e)), 20));
    s.type(1, "b");
    s.journal.schedule(s.post);
    await new Promise((r) => setTimeout(r, 2)); // the edit is on its way
    s.type(2, "c");
    await s.journal.whole(s.post);
    expect(s.core.texts.get(s.post.path)?.text).toBe(s.text());
    expect(s.errors).toEqual([]);
  });

  it("does not bring back a buffer saved while its edit was on its way", async () => {
    const s = setup();
    s.type(0, "a");
    await s.flush();
    s.type(1, "b");
    // The save lands (the file holds the text, the core forgets it) before the edit does.
    const edit = s.core.edit.bind(s.core);
    s.core.edit = (path, e) => {
      s.post.saved = s.text();
      s.core.texts.clear();
      return edit(path, e);
    };
    await s.flush();
    expect(s.core.texts.has(s.post.path)).toBe(false);
    expect(s.core.wholes).toBe(1);
    expect(s.errors).toEqual([]);
  });
});
