//! Composition root: builds the areas, wires them to the backend through `ipc`, and owns the
//! little state that spans areas (the open post, its saved text, scroll sync).

import { listen } from "@tauri-apps/api/event";
import { ask, open as openDialog } from "@tauri-apps/plugin-dialog";
import { NewPostDialog } from "./dialogs/newpost";
import { Editor } from "./editor/editor";
import { FrontMatterForm } from "./frontmatter/form";
import { initLocale, onLocaleChange, setLocale, t } from "./i18n";
import { type BlogInfo, type Changed, type FieldValue, IpcError, type Post, ipc } from "./ipc";
import { Library } from "./library/library";
import { LatestOnly } from "./preview/latest";
import { PreviewPane } from "./preview/preview";
import { PublishPanel } from "./publish/panel";
import { lineForTop, topForLine } from "./preview/scrollsync";
import { StatusBar } from "./status/statusbar";
import "./styles/app.css";

/** A post being edited: its head (front matter) and what is on disk. */
interface OpenPost {
  path: string;
  head: string;
  fm: Record<string, unknown>;
  saved: string;
  post: Post;
  rawDate: string;
}

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
setLocale(initLocale(storage, navigator.languages ?? [navigator.language]));

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let blog: BlogInfo | null = null;
let current: OpenPost | null = null;
const openPosts = new Map<string, OpenPost>();
let seq = 0;

const status = new StatusBar($("status"), storage);
const library = new Library($("library"), {
  onOpenPost: (path) => void openPost(path),
  onOpenBlog: () => void chooseBlog(),
  onOpenRecent: (root) => void loadBlog(() => ipc.blogOpen(root)),
  onNewPost: () => newPost.open(),
  onPublish: () => void publishPanel.toggle(),
  onTermPlan: (taxonomy, op) => ipc.termsPlan(taxonomy, op),
  onTermApply: async (taxonomy, op) => {
    const result = await ipc.termsApply(taxonomy, op);
    await applyChanged(result);
    return result.paths.length;
  },
  onTermUndo: async () => applyChanged(await ipc.termsUndo()),
  onSearch: (query) => ipc.searchQuery(query),
});

async function moveDraft(p: OpenPost, draft: boolean): Promise<void> {
  if (isDirty(p) && !(await save())) return;
  try {
    const result = await ipc.postDraft(p.path, draft);
    openPosts.delete(p.path);
    current = null;
    await applyChanged(result);
    await openPost(result.paths[0] ?? p.path);
  } catch (e) {
    status.setNotice(t("error.open", { error: (e as Error).message }));
  }
}

/** Files changed on disk by an operation: the library follows, clean open posts reload. */
async function applyChanged(result: Changed): Promise<void> {
  if (!blog) return;
  blog = { ...blog, tags: result.tags, categories: result.categories, posts: result.posts };
  library.setBlog(blog);
  form.setVocabulary(blog.tags.map((x) => x.name), blog.categories.map((x) => x.name));
  for (const path of result.paths) {
    const p = openPosts.get(path);
    if (!p) continue;
    if (isDirty(p)) {
      status.setNotice(t("terms.openDirty", { path }));
      continue;
    }
    openPosts.delete(path);
    if (current === p) {
      current = null;
      await openPost(path);
    }
  }
}
const form = new FrontMatterForm($("frontmatter"), {
  onField: (key, value) => void setField(key, value),
  onRaw: (head) => {
    if (!current) return;
    current.head = head;
    onChange();
  },
});
const editor = new Editor($("editor"), { onChange, onSave: () => void save(), onScroll: () => syncFromEditor() }, "");
const preview = new PreviewPane($<HTMLIFrameElement>("preview"), { onScroll: () => syncFromPreview() });
void listen<string>("preview-anchor", (e) => preview.scrollToId(e.payload));
const newPost = new NewPostDialog($<HTMLDialogElement>("new-post"), async (request) => {
  try {
    const path = await ipc.postCreate(request);
    setPosts(await ipc.blogPosts());
    await openPost(path);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
});

const publishPanel = new PublishPanel($("publish"), {
  plan: () => ipc.publishPlan(),
  saveFirst: async () => {
    if (current && isDirty(current) && !(await save())) throw new Error(t("publish.saveFirst"));
  },
  run: (message, passphrase, trust, onProgress) => ipc.publishRun(message, passphrase, trust, onProgress),
  saveToken: (host, token) => ipc.publishTokenSave(host, token),
  saveIdentity: (name, email) => ipc.publishIdentitySave(name, email),
  published: (outcome) => {
    if (outcome.remote_commits > 0) void reloadAfterPull();
  },
});

/** The remote's commits changed files on disk: reload the list, and the open post if clean. */
async function reloadAfterPull(): Promise<void> {
  setPosts(await ipc.blogPosts());
  const p = current;
  if (!p || isDirty(p)) return;
  openPosts.delete(p.path);
  current = null;
  await openPost(p.path);
}

onLocaleChange(() => {
  library.render();
  form.renderLabels();
  if (publishPanel.isOpen) void publishPanel.refresh();
  status.render();
});

/** The one place the open blog's post list changes: the library shows what `blog` holds. */
function setPosts(posts: Post[]): void {
  if (!blog) return;
  blog = { ...blog, posts };
  library.setPosts(posts);
}

function bodyLine(head: string): number {
  let n = 1;
  for (const c of head) if (c === "\n") n++;
  return n;
}

function fullText(p: OpenPost): string {
  return p.head + editor.text();
}

function isDirty(p: OpenPost): boolean {
  return fullText(p) !== p.saved;
}

function markDirty(): void {
  if (!current) return;
  const dirty = isDirty(current);
  library.setDirty(current.path, dirty);
  status.setSave({ kind: dirty ? "dirty" : "saved" });
}

const renderer = new LatestOnly<number>(async (n) => {
  const p = current;
  if (!p) return;
  const result = await ipc.previewRender(p.path, fullText(p), n);
  if (!result || result.seq !== seq || current !== p) return;
  preview.update(result.html);
  status.setCounts(result.words, result.reading_minutes);
  status.setNotice(result.error ? t("error.frontMatter", { error: result.error }) : postNotice(p.post));
  document.body.dataset.previewSeq = String(result.seq);
  syncFromEditor();
});

/** Why the site will not show this post although it is not a draft. */
function postNotice(post: Post): string {
  const generator = blog?.generator ?? "hugo";
  if (post.status === "scheduled") return t("warn.scheduled", { date: (post.publish_date ?? post.date ?? "").slice(0, 16), generator });
  if (post.status === "expired") return t("warn.expired", { generator });
  return "";
}

function schedulePreview(): void {
  seq += 1;
  renderer.push(seq);
}

function onChange(): void {
  markDirty();
  schedulePreview();
}

async function setField(key: string, value: FieldValue): Promise<void> {
  const p = current;
  if (!p) return;
  if (key === "draft" && value.kind === "bool" && blog && blog.generator !== "hugo") {
    // Jekyll and Hexo keep drafts in their own folder: the file moves.
    await moveDraft(p, value.value);
    return;
  }
  try {
    p.head = await ipc.frontmatterSet(p.head, key, value);
    form.setHead(p.head);
    onChange();
  } catch (e) {
    status.setNotice(t("error.frontMatter", { error: (e as Error).message }));
  }
}

async function openPost(path: string): Promise<void> {
  if (current?.path === path) return;
  let p = openPosts.get(path);
  if (!p) {
    try {
      const doc = await ipc.postOpen(path);
      const date = doc.front_matter["date"];
      p = { path, head: doc.head, fm: doc.front_matter as Record<string, unknown>, saved: doc.head + doc.body, post: doc.post, rawDate: typeof date === "string" ? date : "" };
      editor.forget(path);
      editor.show(path, doc.body);
      openPosts.set(path, p);
    } catch (e) {
      status.setNotice(t("error.open", { error: (e as Error).message }));
      return;
    }
  } else {
    editor.show(path, "");
  }
  current = p;
  library.setActive(path);
  form.show(p.post, blog?.generator ?? "hugo", p.rawDate, p.fm, p.head);
  markDirty();
  schedulePreview();
}

/** Saves the open post; false when the save failed (the status bar says why). */
async function save(): Promise<boolean> {
  const p = current;
  if (!p) return true;
  const text = fullText(p);
  status.setSave({ kind: "saving" });
  try {
    let post: Post;
    try {
      post = await ipc.postSave(p.path, text);
    } catch (e) {
      // Emptying a post or cutting it in half is confirmed, never silent.
      if (!(e instanceof IpcError && e.code === "would_shrink")) throw e;
      if (!(await ask(t("save.shrink", { path: p.path }), { title: "Inkstone", kind: "warning" }))) {
        status.setSave({ kind: "dirty" });
        return false;
      }
      post = await ipc.postSave(p.path, text, true);
    }
    p.saved = text;
    p.post = post;
    if (blog) setPosts(blog.posts.map((x) => (x.path === post.path ? post : x)));
    markDirty();
    return true;
  } catch (e) {
    status.setSave({ kind: "failed", error: (e as Error).message });
    return false;
  }
}

async function loadBlog(load: () => Promise<BlogInfo>): Promise<void> {
  try {
    blog = await load();
  } catch (e) {
    status.setNotice(t("error.open", { error: (e as Error).message }));
    return;
  }
  openPosts.clear();
  current = null;
  library.setBlog(blog);
  form.setVocabulary(blog.tags.map((x) => x.name), blog.categories.map((x) => x.name));
  library.setRecent(await ipc.blogRecent().catch(() => []));
  const first = blog.posts.find((p) => !p.error);
  if (first) await openPost(first.path);
}

async function chooseBlog(): Promise<void> {
  const dir = await openDialog({ directory: true, multiple: false });
  if (typeof dir === "string") await loadBlog(() => ipc.blogOpen(dir));
}

// Scroll sync: whichever side the user scrolls leads; the other follows. The preview never
// reports our own scrolling of it; the editor's scroll events are muted briefly after we
// scroll it, so the two never chase each other.
let muteEditorUntil = 0;
let syncFrame = 0;

function syncFromEditor(): void {
  const p = current;
  if (!p || performance.now() < muteEditorUntil) return;
  cancelAnimationFrame(syncFrame);
  syncFrame = requestAnimationFrame(() => {
    const fileLine = bodyLine(p.head) + editor.topLine() - 1;
    preview.scrollTo(topForLine(preview.anchors(), fileLine, preview.scrollHeight()));
  });
}

function syncFromPreview(): void {
  const p = current;
  if (!p) return;
  cancelAnimationFrame(syncFrame);
  syncFrame = requestAnimationFrame(() => {
    const fileLine = lineForTop(preview.anchors(), preview.scrollTop());
    muteEditorUntil = performance.now() + 100;
    editor.scrollToLine(fileLine - bodyLine(p.head) + 1);
  });
}

window.addEventListener("resize", () => preview.invalidate());
window.addEventListener("keydown", (e) => {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key.toLowerCase() === "s") {
    e.preventDefault();
    void save();
  } else if (mod && e.key.toLowerCase() === "n") {
    e.preventDefault();
    newPost.open();
  }
});

async function start(): Promise<void> {
  const css = await ipc.previewCss().catch(() => "");
  await preview.init(css, t("preview.empty"));
  await loadBlog(() => ipc.blogOpenInitial());
  document.body.dataset.ready = "true";
}

void start();
