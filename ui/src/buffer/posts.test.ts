import { describe, expect, it } from "vitest";
import type { Document, FieldValue, Post } from "../ipc";
import { OpenPosts, bodyLine } from "./posts";

const post = { path: "a.md", title: "A", lang: null } as Post;
const doc: Document = { post, front_matter: {}, front_matter_text: "", head: "---\ntitle: A\n---\n", body: "Hello\n", body_line: 4 };

/** Open posts over an editor that is a map of bodies; `setField` answers when told to. */
function setup() {
  const bodies = new Map<string, string>();
  const answers: Array<() => void> = [];
  const none = () => undefined;
  const posts = new OpenPosts(
    {
      blog: () => null,
      read: async () => doc,
      split: async () => doc,
      // Each edit appends `key=value` to the head it was given, once answered.
      setField: (head: string, key: string, value: FieldValue) =>
        new Promise<string>((resolve) => answers.push(() => resolve(`${head}${key}=${value.kind === "text" ? value.value : "?"}\n`))),
      moveDraft: async () => ({ paths: [], posts: [], tags: [], categories: [], undoable: false }),
      save: async () => true,
      applyChanged: async () => undefined,
      startMark: none,
      rememberSoon: none,
      title: none,
    },
    {
      editor: {
        textOf: (path) => bodies.get(path) ?? null,
        lengthOf: (path) => bodies.get(path)?.length ?? null,
        show: (path, body) => void (bodies.has(path) || bodies.set(path, body)),
        reset: (path, body) => void bodies.set(path, body),
        forget: (path) => void bodies.delete(path),
        goToLine: none,
      },
      library: { setActive: none, setDirty: none },
      form: { show: none, setHead: none },
      sideBySide: { pair: null, hide: none, setPost: none, edited: none },
      status: { setSave: none, setNotice: none, flash: none },
      journal: { changed: none, schedule: none },
      pipeline: { changed: none, schedule: none },
    },
  );
  return { posts, bodies, answers };
}

describe("open posts", () => {
  it("counts the front matter's lines before the body", () => {
    expect(bodyLine("")).toBe(1);
    expect(bodyLine(doc.head)).toBe(4);
  });

  it("is unsaved once the text differs from the file, and saved once it is back", async () => {
    const { posts, bodies } = setup();
    await posts.open("a.md");
    const p = posts.current!;
    expect(posts.isDirty(p)).toBe(false);
    bodies.set("a.md", "Hallo\n"); // same length: the texts are compared
    expect(posts.isDirty(p)).toBe(true);
    bodies.set("a.md", "Hello\n");
    expect(posts.isDirty(p)).toBe(false);
  });

  it("applies front-matter edits one after another, each on the last one's head", async () => {
    const { posts, answers } = setup();
    await posts.open("a.md");
    const first = posts.setField("title", { kind: "text", value: "B" });
    const second = posts.setField("slug", { kind: "text", value: "b" });
    await Promise.resolve();
    expect(answers.length).toBe(1); // the second waits for the first
    answers[0]();
    await first;
    answers[1]();
    await second;
    expect(posts.current!.head).toBe(`${doc.head}title=B\nslug=b\n`);
  });
});
