//! Composition root: builds the areas, wires them to the backend through `ipc`, and owns the
//! little state that spans areas (the open post, its saved text, scroll sync).

import { listen } from "@tauri-apps/api/event";
import { CompareDialog } from "./dialogs/compare";
import { confirm } from "./dialogs/confirm";
import { NewPostDialog } from "./dialogs/newpost";
import { UnsavedDialog } from "./dialogs/unsaved";
import { Editor } from "./editor/editor";
import { FrontMatterForm } from "./frontmatter/form";
import { initLocale, onLocaleChange, setLocale, t } from "./i18n";
import type { ChangeSet } from "@codemirror/state";
import {
  type BlogChanged,
  type BlogInfo,
  type Changed,
  type Handover,
  type Document,
  type FieldValue,
  type ImageAdded,
  type Post,
  ipc,
} from "./ipc";
import { Library } from "./library/library";
import { Outline } from "./library/outline";
import { PreviewPipeline } from "./preview/pipeline";
import { Journal } from "./buffer/journal";
import { Saves } from "./buffer/save";
import { DiskWatch } from "./buffer/disk";
import { PreviewPane } from "./preview/preview";
import { PublishPanel, deployLabel } from "./publish/panel";
import { GitHubDialog } from "./github/dialog";
import { type Command, Palette } from "./palette/palette";
import { type Actions, commands as commandList, shortcut } from "./palette/commands";
import { openSearchPanel } from "@codemirror/search";
import { locale } from "./i18n";
import { lineForTop, topForLine } from "./preview/scrollsync";
import { StatusBar } from "./status/statusbar";
import { SettingsDialog } from "./settings/dialog";
import { type Prefs, editorStyle, loadPrefs, savePrefs } from "./settings/prefs";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { Panes } from "./layout/panes";
import { SideBySide } from "./translate/sidebyside";
import "./styles/app.css";
/** Moments of the start, reported with `appReady` (where the time to an editable window goes). */
const startMarks: [string, number][] = [["script", performance.now()]];
/** Records a moment of the start once (later blogs and posts are not the start). */
function startMark(name: string): void {
  if (!startMarks.some(([k]) => k === name)) startMarks.push([name, performance.now()]);
}

/** A post being edited: its head (front matter) and what is on disk. */
interface OpenPost {
  path: string;
  head: string;
  fm: Record<string, unknown>;
  saved: string;
  post: Post;
  rawDate: string;
  /** The text of a save in flight: its echo from the file watcher is not a change. */
  saving?: string;
  /** Front-matter edits, applied one after another, each on the head the last one left. */
  fields?: Promise<void>;
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

const status = new StatusBar($("status"), storage);
const library = new Library($("library"), {
  onOpenPost: (path) => void openPost(path),
  onOpenBlog: () => void chooseBlog(),
  onOpenRecent: (root) => void switchBlog(() => ipc.blogOpen(root)),
  onNewPost: () => openNewPost(),
  onPublish: () => void publishPanel.toggle(),
  onGitHub: () => void github.open(),
  onSettings: () => void settings.open(),
  onTermPlan: (taxonomy, op) => ipc.termsPlan(taxonomy, op),
  onTermApply: async (taxonomy, op) => {
    const result = await ipc.termsApply(taxonomy, op);
    await applyChanged(result);
    return result.paths.length;
  },
  onTermUndo: async () => applyChanged(await ipc.termsUndo()),
  onSearch: (query) => ipc.searchQuery(query),
  onTranslate: async (path, lang) => {
    await openPost(path);
    if (current?.path === path) await translateTo(lang);
  },
}, storage);

async function moveDraft(p: OpenPost, draft: boolean): Promise<void> {
  if (isDirty(p) && !(await savePost(p))) return;
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
  sideBySide.setPost(blog.languages, current?.post ?? null, blog.posts);
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
const editor = new Editor(
  $("editor"),
  {
    onChange,
    onSave: () => void save(),
    onScroll: () => {
      syncFromEditor();
      rememberPlaceSoon();
    },
    onKey: (time) => pipeline.latency.keydown(time),
    onPasteImages: (files) => {
      // Beside a file opened alone there is no blog to store images in: the paste stays text.
      if (!current || blog?.alone) return false;
      void addImages(async (path) => {
        const out: ImageAdded[] = [];
        for (const f of files) {
          const added = await ipc.imagePaste(path, f.name || `image.${f.type.split("/")[1] ?? "png"}`, new Uint8Array(await f.arrayBuffer()));
          out.push(added);
          path = added.post;
        }
        return out;
      });
      return true;
    },
    onInsertImage: () => void addImages((path) => ipc.imageInsert(path)),
    onCaret: (line) => {
      if (current) outline.follow(bodyLine(current.head) + line - 1);
      rememberPlaceSoon();
    },
  },
  "",
  t("editor.label"),
);
const preview = new PreviewPane($<HTMLIFrameElement>("preview"), { onScroll: () => syncFromPreview() });
const sideBySide = new SideBySide(
  document.querySelector(".preview-pane") as HTMLElement,
  $<HTMLIFrameElement>("preview"),
  { topLine: () => editor.topLine(), text: () => editor.text() },
  {
    onTranslate: (lang) => void translateTo(lang),
    scrollEditor: (line) => {
      muteEditorUntil = performance.now() + 300;
      editor.scrollLineToTop(Math.round(line));
    },
  },
);
void listen<string>("preview-anchor", (e) => preview.scrollToId(e.payload));
void listen<BlogChanged>("blog-changed", (e) => void onDiskChange(e.payload));
const compare = new CompareDialog($<HTMLDialogElement>("compare"));
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

/** The open post's headings; a click puts the editor on that heading's line. */
const outline = new Outline((fileLine) => {
  if (!current) return;
  editor.goToLine(fileLine - bodyLine(current.head) + 1);
  editor.focus();
});
$("library").append(outline.el);

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
  check: () => ipc.checkRun(),
  openAt: (path, line) => void openAt(path, line),
  follow: (commit, changed, onChange) => ipc.githubFollow(commit, changed, onChange),
  deployed: (d) => {
    if (!d) return status.setDeploy("", "", null);
    const href = d.state === "live" ? d.url : d.state === "failed" ? (d.log_url ?? d.run_url) : d.run_url;
    status.setDeploy(deployLabel(d), d.state, href);
  },
  openGitHub: () => void github.open(),
  workflow: (add, daily) => ipc.githubWorkflow(add, daily),
  setRepository: (repository) => ipc.githubRepositorySet(repository),
});

const github = new GitHubDialog($<HTMLDialogElement>("github"), {
  account: () => ipc.githubAccount(),
  signIn: () => ipc.githubSignIn(),
  waitForSignIn: () => ipc.githubSignInWait(),
  cancel: () => ipc.githubSignInCancel(),
  signInWithToken: (token) => ipc.githubToken(token),
  signOut: () => ipc.githubSignOut(),
  repos: () => ipc.githubRepos(),
  pickFolder: () => ipc.blogPick(),
  clone: async (repository, intoPicked, onProgress) => {
    if (!(await settleUnsaved())) throw new Error(t("github.keptOpen"));
    // A failed clone is told in the dialog; the blog that was open stays open.
    const opened = await ipc.githubClone(repository, intoPicked, onProgress);
    await loadBlog(async () => opened);
  },
});

// Where the user left the open blog: the panes' sizes, the post, its caret and scroll.
const panes = new Panes(
  storage,
  $("app"),
  $("library"),
  document.querySelector(".panes") as HTMLElement,
  document.querySelector(".divider") as HTMLElement,
  { library: t("layout.library"), split: t("layout.split") },
  {
    blogRoot: () => blog?.root ?? null,
    here: () => (current ? { post: current.path, caret: editor.caret(), top: editor.topLine() } : { post: null, caret: 0, top: 1 }),
    resized: () => {
      editor.view.requestMeasure();
      preview.invalidate();
    },
  },
);
const rememberPlace = () => panes.remember();
const rememberPlaceSoon = () => panes.rememberSoon();

// The app's settings: applied before the first post shows, and at once when changed.
let prefs: Prefs = loadPrefs(storage);
let themeSet = false;

function applyPrefs(next: Prefs): void {
  const root = document.documentElement;
  root.dataset.theme = next.theme;
  for (const [name, value] of Object.entries(editorStyle(next))) {
    if (value === null) root.style.removeProperty(name);
    else root.style.setProperty(name, value);
  }
  editor.configure(next);
  preview.setFontSize(next.previewFontSize);
  editor.view.requestMeasure();
  preview.invalidate();
  // The window's theme is the system's until the user picks one: both the window and the
  // preview follow it (`prefers-color-scheme`), as do diagrams drawn after.
  if (next.theme !== "system" || themeSet) {
    themeSet = true;
    void getCurrentWindow()
      .setTheme(next.theme === "system" ? null : next.theme)
      .catch(() => undefined);
  }
  prefs = next;
}

const settings = new SettingsDialog($<HTMLDialogElement>("settings"), {
  prefs: () => prefs,
  setPrefs: (next) => {
    applyPrefs(next);
    savePrefs(storage, next);
  },
  // A file opened alone has no blog to set up.
  blog: () => (blog && !blog.alone ? ipc.blogSettings() : Promise.resolve(null)),
  saveBlog: (next) => ipc.blogSettingsSave(next),
  saveIdentity: (name, email) => ipc.publishIdentitySave(name, email),
});
applyPrefs(prefs);

// Files dropped on the window: added to the open post where they fell.
void listen<[number, number, number]>("files-dropped", (e) => {
  const [, x, y] = e.payload;
  if (!current) return;
  const at = editor.posAt(x, y);
  void addImages((path) => ipc.imageDrop(path), at);
});

/**
 * Stores images for the open post (`run` is given its path) and inserts their Markdown at
 * `at` (default: the caret). A Hugo single-file post becomes a bundle on the way: the post is
 * saved first, and reopened at its new path with the caret where it was.
 */
async function addImages(run: (path: string) => Promise<ImageAdded[]>, at?: number): Promise<void> {
  const p = current;
  if (!p) return;
  if (blog?.alone) {
    status.flash(t("image.alone"));
    return;
  }
  const pos = at ?? editor.caret();
  if (isDirty(p) && !(await savePost(p))) return;
  let added: ImageAdded[];
  try {
    added = await run(p.path);
  } catch (e) {
    status.setNotice(t("image.failed", { error: (e as Error).message }));
    return;
  }
  if (!added.length) return;
  const moved = added.find((a) => a.moved_from);
  const last = added[added.length - 1];
  if (moved && current === p) {
    openPosts.delete(p.path);
    editor.forget(p.path);
    current = null;
    setPosts(await ipc.blogPosts());
    await openPost(last.post);
    status.flash(t("image.bundled", { from: p.path, to: last.post }));
  }
  if (current?.path !== last.post) return;
  editor.insertAt(added.map((a) => a.markdown).join("\n"), pos);
  if (!moved) status.flash(t("image.added", { path: last.stored }));
}

/** Opens a post with line `line` of its file at the top of the editor, the caret on it. */
async function openAt(path: string, line: number): Promise<void> {
  await openPost(path);
  const p = current;
  if (!p || p.path !== path) return;
  const bodyLineNo = Math.max(1, line - bodyLine(p.head) + 1);
  editor.goToLine(bodyLineNo);
}

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
  sideBySide.render();
  form.renderLabels();
  if (publishPanel.isOpen) void publishPanel.refresh();
  status.render();
});

/** The one place the open blog's post list changes: the library shows what `blog` holds. */
function setPosts(posts: Post[]): void {
  if (!blog) return;
  blog = { ...blog, posts };
  library.setPosts(posts);
  sideBySide.setPost(blog.languages, current?.post ?? null, posts);
}

function bodyLine(head: string): number {
  let n = 1;
  for (const c of head) if (c === "\n") n++;
  return n;
}

function fullText(p: OpenPost): string {
  return p.head + (editor.textOf(p.path) ?? "");
}

function isDirty(p: OpenPost): boolean {
  // Typing changes the length: no need to build and compare a long text on every keystroke.
  const length = editor.lengthOf(p.path);
  if (length !== null && p.head.length + length !== p.saved.length) return true;
  return fullText(p) !== p.saved;
}

function markDirty(): void {
  if (current) refreshDirty(current);
}

function refreshDirty(p: OpenPost): void {
  const dirty = isDirty(p);
  library.setDirty(p.path, dirty);
  if (p === current) {
    status.setSave({ kind: dirty ? "dirty" : "saved" });
    setWindowTitle(dirty);
  }
  journal.schedule(p);
}

let windowTitle = "";

/** The window's title, as desktops list it: `● Post — Blog — Inkstone` (● while unsaved). */
function setWindowTitle(dirty = false): void {
  const parts = [current ? current.post.title || current.path.split("/").pop() || current.path : null, blog?.name, "Inkstone"];
  const title = `${dirty ? "● " : ""}${parts.filter((x): x is string => !!x).join(" — ")}`;
  if (title === windowTitle) return;
  windowTitle = title;
  document.title = title;
  void getCurrentWindow()
    .setTitle(title)
    .catch(() => undefined);
}

const journal = new Journal<OpenPost>({
  isOpen: (p) => openPosts.get(p.path) === p,
  isShown: (p) => current === p,
  isDirty,
  fullText,
  bodyLength: (p) => editor.lengthOf(p.path) ?? 0,
  generation: () => editor.generation,
  lfOnly: () => editor.lfOnly(),
  write: ipc.journalWrite,
  edit: ipc.journalEdit,
  clear: ipc.journalClear,
  failed: (e) => status.flash(t("journal.failed", { error: e.message })),
});

// A failure nothing caught (a bug) is said in the status bar instead of passing unseen, and
// kept for the real-window tests, which print the list when they time out.
const uncaught: string[] = [];
const reportUncaught = (what: unknown) => {
  const message = what instanceof Error ? what.message : String(what);
  uncaught.push(message);
  status.flash(t("error.unexpected", { error: message }));
};
window.addEventListener("error", (e) => reportUncaught(e.error ?? e.message));
window.addEventListener("unhandledrejection", (e) => reportUncaught(e.reason));

const pipeline = new PreviewPipeline<OpenPost>(
  {
    current: () => current,
    fullText,
    bodyLength: (p) => editor.lengthOf(p.path) ?? 0,
    generation: () => editor.generation,
    lfOnly: () => editor.lfOnly(),
    render: ipc.previewRender,
    edit: ipc.previewEdit,
    shown: (p, result) => {
      status.setCounts(result.update.words, result.update.reading_minutes);
      outline.set(result.update.toc);
      status.setNotice(result.error ? t("error.frontMatter", { error: result.error }) : postNotice(p.post));
      document.body.dataset.previewSeq = String(result.seq);
      document.body.dataset.previewPath = p.path;
      resyncSoon();
    },
  },
  preview,
);
// For `make bench` (tests/bench app-bench): the measured latencies, and a caret placed in prose.
Object.assign(window, {
  __inkstoneLatency: pipeline.latency,
  __inkstoneCaretInProse: (fraction: number) => editor.caretInProse(fraction),
  // For the real-window tests: the caret, and putting it on a line.
  __inkstoneCaret: () => editor.caret(),
  __inkstoneGoToLine: (line: number) => editor.goToLine(line),
  __inkstoneErrors: () => uncaught,
});

/** Why the site will not show this post although it is not a draft. */
function postNotice(post: Post): string {
  const generator = blog?.generator ?? "hugo";
  if (post.status === "scheduled") return t("warn.scheduled", { date: (post.publish_date ?? post.date ?? "").slice(0, 16), generator });
  if (post.status === "expired") return t("warn.expired", { generator });
  return "";
}

function schedulePreview(): void {
  pipeline.schedule();
}

/** The post changed: by the editor (`changes`), or in its front matter. */
function onChange(changes?: ChangeSet): void {
  if (current) journal.changed(current, changes);
  pipeline.changed(changes);
  sideBySide.edited();
  markDirty();
  schedulePreview();
}

/** Shows the form and preview of the open post after its buffer was replaced. */
function showCurrent(p: OpenPost): void {
  form.show(p.post, blog?.generator ?? "hugo", p.rawDate, p.fm, p.head);
  markDirty();
  schedulePreview();
}

/**
 * Makes the buffer of `path` hold `text` (a recovered, reloaded or merged version), split into
 * front matter and body by the blog's rules; `saved` is what the file holds. Text whose front
 * matter does not parse goes whole into the editor, so nothing is dropped.
 */
async function setBuffer(path: string, text: string, saved: string): Promise<OpenPost | null> {
  let doc: Document | null = null;
  try {
    doc = await ipc.postSplit(path, text);
  } catch {
    doc = null;
  }
  const post = doc?.post ?? openPosts.get(path)?.post ?? blog?.posts.find((x) => x.path === path);
  if (!post) {
    status.flash(t("recover.failed", { path, error: t("error.frontMatter", { error: "?" }) }));
    return null;
  }
  const date = doc?.front_matter["date"];
  const p: OpenPost = {
    path,
    head: doc ? doc.head : "",
    fm: (doc?.front_matter ?? {}) as Record<string, unknown>,
    saved,
    post,
    rawDate: typeof date === "string" ? date : "",
  };
  editor.reset(path, doc ? doc.body : text);
  openPosts.set(path, p);
  if (current?.path === path) {
    current = p;
    showCurrent(p);
  } else {
    refreshDirty(p);
  }
  return p;
}

/** Unsaved buffers a crash left in the journal: each is offered against its file. */
async function offerRecovery(): Promise<string | null> {
  const pending = await ipc.journalPending().catch(() => []);
  let restored: string | null = null;
  for (const r of pending) {
    const answer = await compare.ask({
      title: t("recover.title", { path: r.path }),
      message: t(r.disk === null ? "recover.deleted" : "recover.message"),
      left: { label: t("compare.disk"), text: r.disk ?? "" },
      right: { label: t("compare.mine"), text: r.text },
      choices: [
        { id: "discard", label: t("recover.discard") },
        { id: "restore", label: t("recover.restore"), primary: true },
      ],
      compare: true,
    });
    if (answer.choice === "restore" && (await setBuffer(r.path, answer.right, r.disk ?? ""))) restored = r.path;
    else if (answer.choice === "discard") await ipc.journalClear(r.path).catch(() => undefined);
  }
  return restored;
}

// Edits made outside the app: the watcher names the files; each open post is compared with
// its file by content (buffer/disk.ts).

async function onDiskChange(change: BlogChanged): Promise<void> {
  if (!blog) return;
  setPosts(await ipc.blogPosts(true).catch(() => blog?.posts ?? []));
  const movedTo = new Map(change.renamed.map(([from, to]) => [from, to]));
  for (const path of change.paths) {
    if (openPosts.has(path)) await reconcile(path, movedTo.get(path) ?? null);
  }
}

const disk = new DiskWatch<OpenPost>({
  get: (path) => openPosts.get(path),
  read: ipc.postDisk,
  fullText,
  refresh: refreshDirty,
  replace: setBuffer,
  lost,
  reloaded: (path) => status.flash(t("external.reloaded", { path })),
  ask: (path, disk, mine) =>
    compare.ask({
      title: t("external.title", { path }),
      message: t("external.message"),
      left: { label: t("compare.disk"), text: disk },
      right: { label: t("compare.mine"), text: mine },
      choices: [
        { id: "take", label: t("external.take") },
        { id: "keep", label: t("external.keep"), primary: true },
      ],
      compare: false,
    }),
});

function reconcile(path: string, movedTo: string | null): Promise<void> {
  return disk.reconcile(path, movedTo);
}

/** The file of an open post was deleted or moved outside the app. */
async function lost(p: OpenPost, movedTo: string | null): Promise<void> {
  if (movedTo && !isDirty(p)) {
    openPosts.delete(p.path);
    if (current === p) {
      current = null;
      await openPost(movedTo);
    }
    status.flash(t("external.followed", { path: p.path, to: movedTo }));
    return;
  }
  p.saved = "";
  refreshDirty(p);
  status.flash(movedTo ? t("external.moved", { path: p.path, to: movedTo }) : t("external.deleted", { path: p.path }));
}

/** Edits one front-matter key. Edits queue per post: two quick keystrokes in the form never
 * both start from the same head (the second would undo the first). */
function setField(key: string, value: FieldValue): Promise<void> {
  const p = current;
  if (!p) return Promise.resolve();
  if (key === "draft" && value.kind === "bool" && blog && blog.generator !== "hugo") {
    // Jekyll and Hexo keep drafts in their own folder: the file moves (after the edits
    // already queued; not inside the queue, since moving saves and a save waits for it).
    const draft = value.value;
    return (p.fields ?? Promise.resolve()).then(() => moveDraft(p, draft));
  }
  const run = async () => {
    try {
      p.head = await ipc.frontmatterSet(p.head, key, value);
      if (current === p) form.setHead(p.head);
      if (current === p) onChange();
      else refreshDirty(p);
    } catch (e) {
      status.setNotice(t("error.frontMatter", { error: (e as Error).message }));
    }
  };
  p.fields = (p.fields ?? Promise.resolve()).then(run);
  return p.fields;
}

async function openPost(path: string): Promise<void> {
  if (current?.path === path) return;
  // Side by side is for one translation and its original.
  if (sideBySide.pair?.translation !== path) sideBySide.hide();
  let p = openPosts.get(path);
  if (!p) {
    try {
      const doc = await ipc.postOpen(path);
      const date = doc.front_matter["date"];
      p = { path, head: doc.head, fm: doc.front_matter as Record<string, unknown>, saved: doc.head + doc.body, post: doc.post, rawDate: typeof date === "string" ? date : "" };
      editor.forget(path);
      startMark("post");
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
  rememberPlaceSoon();
  library.setActive(path);
  sideBySide.setPost(blog?.languages ?? [], p.post, blog?.posts ?? []);
  form.show(p.post, blog?.generator ?? "hugo", p.rawDate, p.fm, p.head);
  markDirty();
  schedulePreview();
}

/**
 * *Translate to…*: the open post's version in `lang` (started from it as a draft when there is
 * none yet) opens in the editor, with the open post beside it as the original.
 */
async function translateTo(lang: string): Promise<void> {
  const p = current;
  if (!p || !blog) return;
  let target = sideBySide.version(lang);
  if (!target) {
    // The translation starts from the file: what is typed here belongs in it.
    if (isDirty(p) && !(await savePost(p))) return;
    try {
      const result = await ipc.postTranslate(p.path, lang);
      target = result.paths[0];
      await applyChanged(result);
      status.flash(t("translate.started", { path: target }));
    } catch (e) {
      status.setNotice(t("translate.failed", { error: (e as Error).message }));
      return;
    }
  }
  const body = editor.textOf(p.path) ?? "";
  const from = blog.posts.find((x) => x.path === p.path)?.lang ?? p.post.lang ?? "";
  await openPost(target);
  if (current?.path === target) sideBySide.show(target, p.path, from, body);
}

/** Saves the open post; false when the save failed (the status bar says why). */
function save(): Promise<boolean> {
  return current ? savePost(current) : Promise.resolve(true);
}

const saves = new Saves<OpenPost>({
  fullText,
  isDirty,
  isShown: (p) => p === current,
  write: ipc.postSave,
  confirmShrink: (path) => confirm(t("save.shrink", { path })),
  reconcile: (path) => reconcile(path, null),
  refresh: refreshDirty,
  done: async (p, post) => {
    if (blog) {
      const listed = blog.posts.find((x) => x.path === post.path);
      // A post read alone knows no translations (Hugo's language and address come from the
      // whole listing): the listing's stay until it is read again.
      const merged = listed ? { ...post, lang: post.lang ?? listed.lang, translations: listed.translations, url: post.url ?? listed.url } : post;
      setPosts(listed ? blog.posts.map((x) => (x.path === post.path ? merged : x)) : [post, ...blog.posts]);
    }
    refreshDirty(p);
    // Text typed during the save stays journaled (refreshDirty journals it again).
    if (!isDirty(p)) await journal.forget(p).catch(() => undefined);
  },
  saving: () => status.setSave({ kind: "saving" }),
  failed: (p, error) => {
    if (p === current) status.setSave({ kind: "failed", error });
    else status.setNotice(t("error.save", { path: p.path, error }));
  },
  changedOnDisk: (p) => status.setNotice(t("save.changedOnDisk", { path: p.path })),
});

/** Saves one open post, the one shown or another. */
function savePost(p: OpenPost): Promise<boolean> {
  return saves.save(p);
}

async function loadBlog(load: () => Promise<BlogInfo>): Promise<void> {
  // Where the open blog was left, saved while it is still the open one.
  rememberPlace();
  try {
    blog = await load();
  } catch (e) {
    status.setNotice(t("error.open", { error: (e as Error).message }));
    return;
  }
  panes.leave();
  startMark("blog");
  publishPanel.reset();
  outline.clear();
  openPosts.clear();
  current = null;
  sideBySide.hide();
  sideBySide.setPost(blog.languages, null, blog.posts);
  library.setBlog(blog);
  setWindowTitle();
  form.setVocabulary(blog.tags.map((x) => x.name), blog.categories.map((x) => x.name));
  library.setRecent(await ipc.blogRecent().catch(() => []));
  if (blog.notice) status.setNotice(t("library.aloneConfig", { error: blog.notice }));
  // The window is usable now; a recovery question may follow.
  document.body.dataset.ready = "true";
  const restored = await offerRecovery();
  const place = panes.load(blog.root);
  const left = place.post && blog.posts.some((p) => p.path === place.post) ? place.post : null;
  const first = blog.open ?? restored ?? left ?? blog.posts.find((p) => !p.error)?.path;
  if (first) await openPost(first);
  // Back where the user left it: the caret, and the line at the top.
  if (first && first === left && shownPath() === left) editor.restore(place.caret, place.top);
}

/** The open post's path (a function: TypeScript would narrow `current` after an await). */
function shownPath(): string | null {
  return current?.path ?? null;
}

async function chooseBlog(): Promise<void> {
  let folder: string | null;
  try {
    folder = await ipc.blogPick();
  } catch (e) {
    status.setNotice(t("error.open", { error: (e as Error).message }));
    return;
  }
  if (folder) await switchBlog(() => ipc.blogOpen(folder));
}

/** Opens another blog once the open one's unsaved posts are dealt with. */
async function switchBlog(load: () => Promise<BlogInfo>): Promise<void> {
  if (await settleUnsaved()) await loadBlog(load);
}

const unsaved = new UnsavedDialog($<HTMLDialogElement>("unsaved"));

/** Before unsaved posts are left behind (see `UnsavedDialog.settle`); true to go on. */
function settleUnsaved(): Promise<boolean> {
  return unsaved.settle([...openPosts.values()].filter(isDirty), {
    journal: (p) => journal.whole(p),
    discard: async (p) => {
      // Nothing more to journal for it: the user discarded it.
      p.saved = fullText(p);
      await journal.forget(p);
    },
    save: savePost,
  });
}

// A second launch (`inkstone-app PATH`, the file manager's Open with) handed its path to this
// window: the post opens here, in its blog, once the open blog's unsaved posts are settled.
void listen<Handover>("open-requested", async (e) => {
  const { root, post, error } = e.payload;
  if (error) return status.setNotice(t("error.open", { error }));
  if (!root) return;
  // A file opened alone is named by its own path, its blog's root by its folder.
  if (!blog || (root !== blog.root && root !== blog.alone)) {
    await switchBlog(() => ipc.blogOpen(root).then((info) => ({ ...info, open: post })));
  } else if (post) {
    await openPost(post);
  }
});

// Closing the window (or quitting) asks the page first. If settling fails, the window closes
// anyway: the text is in the journal by then.
void listen("close-requested", async () => {
  const go = await settleUnsaved().catch((e: unknown) => (console.error(e), true));
  if (go) {
    rememberPlace();
    await ipc.appClose();
  }
});

// Scroll sync: whichever side the user scrolls leads; the other follows. The preview never
// reports our own scrolling of it; the editor's scroll events are muted briefly after we
// scroll it, so the two never chase each other.
let muteEditorUntil = 0;
let syncFrame = 0;

// After the preview changed, it is brought back in line with the editor once typing pauses:
// measuring every block's position is a layout of the whole preview, which does not belong
// in the frame that shows a keystroke.
let resyncTimer = 0;
function resyncSoon(): void {
  clearTimeout(resyncTimer);
  resyncTimer = window.setTimeout(syncFromEditor, 150);
}

function syncFromEditor(): void {
  const p = current;
  if (!p || performance.now() < muteEditorUntil) return;
  cancelAnimationFrame(syncFrame);
  syncFrame = requestAnimationFrame(() => {
    if (sideBySide.active) return sideBySide.follow();
    const fileLine = bodyLine(p.head) + editor.topLine() - 1;
    preview.scrollTo(topForLine(preview.anchors(), fileLine, preview.scrollHeight()));
  });
}

function syncFromPreview(): void {
  const p = current;
  if (!p || sideBySide.active) return;
  cancelAnimationFrame(syncFrame);
  syncFrame = requestAnimationFrame(() => {
    const fileLine = lineForTop(preview.anchors(), preview.scrollTop());
    muteEditorUntil = performance.now() + 100;
    editor.scrollToLine(fileLine - bodyLine(p.head) + 1);
  });
}

const palette = new Palette($<HTMLDialogElement>("palette"));
const mac = /Mac|iPhone|iPad/.test(navigator.platform);
const actions: Actions = {
  palette: () => palette.open(commands(), t("palette.placeholder")),
  openPost: () => openPostPicker(),
  shortcuts: () => palette.sheet(commands()),
  save: () => void save(),
  newPost: () => openNewPost(),
  format: (kind) => editor.format(kind),
  insertImage: () => void addImages((path) => ipc.imageInsert(path)),
  find: () => openSearchPanel(editor.view),
  publish: () => void publishPanel.toggle(),
  github: () => void github.open(),
  openBlog: () => void chooseBlog(),
  settings: () => void settings.open(),
  language: () => setLocale(locale() === "en" ? "zh-CN" : "en", storage),
};
const commands = (): Command[] => commandList(actions, !!blog?.alone, mac);

function openNewPost(): void {
  if (blog?.alone) status.flash(t("library.aloneOff"));
  else newPost.open();
}

/** Mod+P: a post of the blog by its title, tags or path. */
function openPostPicker(): void {
  const posts = blog?.posts ?? [];
  palette.open(
    posts.map((p) => ({ id: p.path, title: p.title || p.path, keywords: `${p.tags.join(" ")} ${p.path}`, run: () => void openPost(p.path) })),
    t("palette.postPlaceholder"),
  );
}

window.addEventListener("resize", () => preview.invalidate());
window.addEventListener("keydown", (e) => shortcut(e, actions));

async function start(): Promise<void> {
  // The areas are built: what follows waits for the core; the first frame paints them.
  startMark("areas");
  requestAnimationFrame(() => setTimeout(() => startMark("frame"), 0));
  pipeline.frameReady = ipc
    .previewCss()
    .catch(() => "")
    .then((css) => preview.init(css, t("preview.empty")));
  await loadBlog(() => ipc.blogOpenInitial());
  document.body.dataset.ready = "true";
  // On the page's clock (from when the page began to load) converted to the Unix epoch's.
  const page = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  const marks: [string, number][] = [["page", page?.fetchStart ?? 0], ...startMarks];
  const epoch = (ms: number) => performance.timeOrigin + ms;
  void ipc.appReady(marks.map(([k, v]) => [k, epoch(v)])).catch(() => undefined);
}

void start();
