//! Composition root: builds the areas and wires them to each other and to the backend through
//! `ipc`. The state that spans areas lives in the modules wired here: the open blog
//! (blog/session.ts) and the posts open in it (buffer/posts.ts).

import "./idle";
import { listen } from "@tauri-apps/api/event";
import { CompareDialog } from "./dialogs/compare";
import { confirm } from "./dialogs/confirm";
import { NewPostDialog } from "./dialogs/newpost";
import { UnsavedDialog } from "./dialogs/unsaved";
import { Editor } from "./editor/editor";
import { Images } from "./editor/images";
import { FrontMatterForm } from "./frontmatter/form";
import { initLocale, locale, onLocaleChange, setLocale, t } from "./i18n";
import { type BlogChanged, ipc } from "./ipc";
import { Library } from "./library/library";
import { Outline } from "./library/outline";
import { PreviewPipeline } from "./preview/pipeline";
import { BlogSession } from "./blog/session";
import { type OpenPost, OpenPosts, bodyLine } from "./buffer/posts";
import { Journal } from "./buffer/journal";
import { Recovery } from "./buffer/recovery";
import { Saves } from "./buffer/save";
import { DiskWatch, outsideEdit } from "./buffer/disk";
import { PreviewPane } from "./preview/preview";
import { PublishPanel, deployLabel } from "./publish/panel";
import { GitHubDialog } from "./github/dialog";
import { type Command, Palette } from "./palette/palette";
import { type Actions, commands as commandList, shortcut } from "./palette/commands";
import { openSearchPanel } from "@codemirror/search";
import { StatusBar } from "./status/statusbar";
import { StartMarks } from "./status/start";
import { WindowTitle } from "./status/title";
import { Uncaught } from "./status/uncaught";
import { SettingsDialog } from "./settings/dialog";
import { AppliedPrefs } from "./settings/apply";
import { loadPrefs, savePrefs } from "./settings/prefs";
import { Panes } from "./layout/panes";
import { ScrollSync } from "./layout/scrollsync";
import { SideBySide } from "./translate/sidebyside";
import { Translate } from "./translate/translate";
import "./styles/app.css";
/** Moments of the start, reported with `appReady` (where the time to an editable window goes). */
const startMarks = new StartMarks();

// Changes on disk are listened to before the blog is asked for: one that comes before the blog
// is shown has the list read again once it is (blog/session.ts). The blog is asked first,
// before the areas are built (the core opened it while the window started); its answer waits,
// with the page, for the page's first layout (100-170 ms on this machine, measured with marks
// between the areas). The handlers run in later tasks, once everything below is built.
void listen<BlogChanged>("blog-changed", (e) => void session.diskChanged(e.payload));
// A second launch's path: the core keeps it until taken, in turn after the first blog (one
// made before this listens is taken once that blog is shown, in `start`).
void listen("open-requested", () => void session.handover());
const initialBlog = ipc.blogOpenInitial();

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
setLocale(initLocale(storage, navigator.languages ?? [navigator.language]));

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const status = new StatusBar($("status"), storage);
const library = new Library($("library"), {
  onOpenPost: (path) => void posts.open(path),
  onOpenBlog: () => void session.choose(),
  onOpenRecent: (root) => void session.switchTo(() => ipc.blogOpen(root)),
  onNewPost: () => openNewPost(),
  onPublish: () => void publishPanel.toggle(),
  onGitHub: () => void github.open(),
  onSettings: () => void settings.open(),
  onTermPlan: (taxonomy, op) => ipc.termsPlan(taxonomy, op),
  onTermApply: async (taxonomy, op) => {
    const result = await ipc.termsApply(taxonomy, op);
    await session.applyChanged(result);
    return result.paths.length;
  },
  onTermUndo: async () => session.applyChanged(await ipc.termsUndo()),
  onSearch: (query) => ipc.searchQuery(query),
  onTranslate: async (path, lang) => {
    await posts.open(path);
    if (posts.current?.path === path) await translate.to(lang);
  },
}, storage);

const form = new FrontMatterForm($("frontmatter"), {
  onField: (key, value) => void posts.setField(key, value),
  onRaw: (head) => {
    if (!posts.current) return;
    posts.current.head = head;
    posts.changed();
  },
});
const editor: Editor = new Editor(
  $("editor"),
  {
    onChange: (changes) => posts.changed(changes),
    onSave: () => void save(),
    onScroll: () => {
      scrollSync.fromEditor();
      rememberPlaceSoon();
    },
    onKey: (time) => pipeline.latency.keydown(time),
    onPasteImages: (files) => images.paste(files),
    onInsertImage: () => images.insert(),
    onCaret: (line) => {
      if (posts.current) outline.follow(bodyLine(posts.current.head) + line - 1);
      rememberPlaceSoon();
    },
  },
  "",
  t("editor.label"),
);
const preview = new PreviewPane($<HTMLIFrameElement>("preview"), { onScroll: () => scrollSync.fromPreview() });
const sideBySide = new SideBySide(
  document.querySelector(".preview-pane") as HTMLElement,
  $<HTMLIFrameElement>("preview"),
  { topLine: () => editor.topLine(), text: () => editor.text() },
  {
    onTranslate: (lang) => void translate.to(lang),
    scrollEditor: (line) => {
      scrollSync.muteEditor(300);
      editor.scrollLineToTop(Math.round(line));
    },
  },
);
const scrollSync = new ScrollSync({ current: () => posts.current, editor, preview, sideBySide });
void listen<string>("preview-anchor", (e) => preview.scrollToId(e.payload));
const compare = new CompareDialog($<HTMLDialogElement>("compare"));
const newPost = new NewPostDialog($<HTMLDialogElement>("new-post"), async (request) => {
  try {
    const path = await ipc.postCreate(request);
    session.setPosts(await ipc.blogPosts());
    await posts.open(path);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
});

/** The open post's headings; a click puts the editor on that heading's line. */
const outline = new Outline((fileLine) => {
  if (!posts.current) return;
  editor.goToLine(fileLine - bodyLine(posts.current.head) + 1);
  editor.focus();
});
$("library").append(outline.el);

const publishPanel = new PublishPanel($("publish"), {
  plan: () => ipc.publishPlan(),
  saveFirst: async () => {
    if (posts.current && posts.isDirty(posts.current) && !(await save())) throw new Error(t("publish.saveFirst"));
  },
  run: (message, passphrase, trust, onProgress) => ipc.publishRun(message, passphrase, trust, onProgress),
  saveToken: (host, token) => ipc.publishTokenSave(host, token),
  saveIdentity: (name, email) => ipc.publishIdentitySave(name, email),
  published: (outcome) => {
    if (outcome.remote_commits > 0) void session.reloadAfterPull();
  },
  check: () => ipc.checkRun(),
  openAt: (path, line) => void posts.openAt(path, line),
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
    // A failed clone is told in the dialog; the blog that was open stays open. The clone is
    // opened in the core as it ends: in turn with any other blog being opened.
    const opened = await session.openMade(() => ipc.githubClone(repository, intoPicked, onProgress));
    if (!opened) throw new Error(t("github.keptOpen"));
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
    blogRoot: () => session.info?.root ?? null,
    here: () => (posts.current ? { post: posts.current.path, caret: editor.caret(), top: editor.topLine() } : { post: null, caret: 0, top: 1 }),
    resized: () => editor.view.requestMeasure(),
  },
);
const rememberPlaceSoon = () => panes.rememberSoon();

// The app's settings: applied before the first post shows, and at once when changed.
const prefs = new AppliedPrefs(loadPrefs(storage), {
  configure: (options) => editor.configure(options),
  previewFontSize: (px) => preview.setFontSize(px),
  measure: () => editor.view.requestMeasure(),
});
const settings = new SettingsDialog($<HTMLDialogElement>("settings"), {
  prefs: () => prefs.prefs,
  setPrefs: (next) => {
    prefs.apply(next);
    savePrefs(storage, next);
  },
  // A file opened alone has no blog to set up.
  blog: () => (session.info && !session.info.alone ? ipc.blogSettings() : Promise.resolve(null)),
  saveBlog: (next) => ipc.blogSettingsSave(next),
  saveIdentity: (name, email) => ipc.publishIdentitySave(name, email),
});
prefs.apply(prefs.prefs);

// Files dropped on the window: added to the open post where they fell.
void listen<[number, number, number]>("files-dropped", (e) => {
  const [, x, y] = e.payload;
  images.drop(x, y);
});

onLocaleChange(() => {
  library.render();
  sideBySide.render();
  form.renderLabels();
  if (publishPanel.isOpen) void publishPanel.refresh();
  status.render();
});

const journal = new Journal<OpenPost>({
  isOpen: (p) => posts.get(p.path) === p,
  isShown: (p) => posts.current === p,
  isDirty: (p) => posts.isDirty(p),
  fullText: (p) => posts.fullText(p),
  bodyLength: (p) => editor.lengthOf(p.path) ?? 0,
  generation: () => editor.generation,
  lfOnly: () => editor.lfOnly(),
  write: ipc.journalWrite,
  edit: ipc.journalEdit,
  clear: ipc.journalClear,
  failed: (e) => status.flash(t("journal.failed", { error: e.message })),
});

const uncaught = new Uncaught((message) => status.flash(t("error.unexpected", { error: message })));

const pipeline = new PreviewPipeline<OpenPost>(
  {
    current: () => posts.current,
    fullText: (p) => posts.fullText(p),
    bodyLength: (p) => editor.lengthOf(p.path) ?? 0,
    generation: () => editor.generation,
    lfOnly: () => editor.lfOnly(),
    render: ipc.previewRender,
    edit: ipc.previewEdit,
    shown: (p, result, toc) => {
      status.setCounts(result.update.words, result.update.reading_minutes);
      outline.set(toc);
      status.setNotice(result.error ? t("error.frontMatter", { error: result.error }) : session.postNotice(p.post));
      document.body.dataset.previewSeq = String(result.seq);
      document.body.dataset.previewPath = p.path;
      scrollSync.resyncSoon();
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
  __inkstoneErrors: () => uncaught.messages,
});

const unsaved = new UnsavedDialog($<HTMLDialogElement>("unsaved"));

// The open posts (the editor keeps their bodies) and the open blog. Typed: their hosts and
// the editor's callbacks refer to each other, which TypeScript cannot infer through.
const posts: OpenPosts = new OpenPosts(
  {
    blog: () => session.info,
    read: ipc.postOpen,
    split: ipc.postSplit,
    setField: ipc.frontmatterSet,
    moveDraft: ipc.postDraft,
    save: savePost,
    applyChanged: (result) => session.applyChanged(result),
    startMark: (name) => startMarks.mark(name),
    rememberSoon: rememberPlaceSoon,
    title: (dirty) => title.set(dirty),
  },
  { editor, library, form, sideBySide, status, journal, pipeline },
);
const session: BlogSession = new BlogSession(
  {
    pick: ipc.blogPick,
    open: ipc.blogOpen,
    handover: ipc.blogHandover,
    recent: ipc.blogRecent,
    list: ipc.blogPosts,
    closeWindow: ipc.appClose,
    startMark: (name) => startMarks.mark(name),
    title: () => title.set(),
    recover: (pending) => recovery.offer(pending),
    pending: ipc.journalPending,
    save: savePost,
    reconcile: (path, movedTo) => disk.reconcile(path, movedTo),
  },
  posts,
  { editor, library, form, sideBySide, status, panes, publishPanel, outline, unsaved, journal },
);
const title = new WindowTitle({ current: () => posts.current, blog: () => session.info });
const recovery = new Recovery({ pending: ipc.journalPending, clear: ipc.journalClear }, { compare, posts });
const images = new Images(
  { paste: ipc.imagePaste, pick: (path) => ipc.imageInsert(path), dropped: (path) => ipc.imageDrop(path), list: () => ipc.blogPosts(), save: savePost },
  { posts, session, editor, status },
);
const translate = new Translate({ start: ipc.postTranslate, save: savePost }, { posts, session, editor, sideBySide, status });

// Edits made outside the app: the watcher names the files; each open post is compared with
// its file by content (buffer/disk.ts).
const disk = new DiskWatch<OpenPost>({
  get: (path) => posts.get(path),
  read: ipc.postDisk,
  fullText: (p) => posts.fullText(p),
  refresh: (p) => posts.refreshDirty(p),
  replace: (path, text, saved) => posts.setBuffer(path, text, saved),
  lost: (p, movedTo) => posts.lost(p, movedTo),
  reloaded: (path) => status.flash(t("external.reloaded", { path })),
  ask: (path, disk, mine) => compare.ask(outsideEdit(path, disk, mine)),
});

/** Saves the open post; false when the save failed (the status bar says why). */
function save(): Promise<boolean> {
  return posts.current ? savePost(posts.current) : Promise.resolve(true);
}

const saves = new Saves<OpenPost>({
  fullText: (p) => posts.fullText(p),
  isDirty: (p) => posts.isDirty(p),
  isShown: (p) => p === posts.current,
  write: ipc.postSave,
  confirmShrink: (path) => confirm(t("save.shrink", { path })),
  reconcile: (path) => disk.reconcile(path, null),
  refresh: (p) => posts.refreshDirty(p),
  done: async (p, post) => {
    session.saved(post);
    posts.refreshDirty(p);
    // Text typed during the save stays journaled (refreshDirty journals it again).
    if (!posts.isDirty(p)) await journal.forget(p).catch(() => undefined);
  },
  saving: () => status.setSave({ kind: "saving" }),
  failed: (p, error) => {
    if (p === posts.current) status.setSave({ kind: "failed", error });
    else status.setNotice(t("error.save", { path: p.path, error }));
  },
  changedOnDisk: (p) => status.setNotice(t("save.changedOnDisk", { path: p.path })),
});

/** Saves one open post, the one shown or another. */
function savePost(p: OpenPost): Promise<boolean> {
  return saves.save(p);
}

// Closing the window (or quitting) asks the page first. If settling fails, the window closes
// anyway: the text is in the journal by then.
void listen("close-requested", () => session.close());

const palette = new Palette($<HTMLDialogElement>("palette"));
const mac = /Mac|iPhone|iPad/.test(navigator.platform);
const actions: Actions = {
  palette: () => palette.open(commands(), t("palette.placeholder")),
  openPost: () => openPostPicker(),
  shortcuts: () => palette.sheet(commands()),
  save: () => void save(),
  newPost: () => openNewPost(),
  format: (kind) => editor.format(kind),
  insertImage: () => images.insert(),
  find: () => openSearchPanel(editor.view),
  publish: () => void publishPanel.toggle(),
  github: () => void github.open(),
  openBlog: () => void session.choose(),
  settings: () => void settings.open(),
  language: () => setLocale(locale() === "en" ? "zh-CN" : "en", storage),
};
const commands = (): Command[] => commandList(actions, !!session.info?.alone, mac);

function openNewPost(): void {
  if (session.info?.alone) status.flash(t("library.aloneOff"));
  else newPost.open();
}

/** Mod+P: a post of the blog by its title, tags or path. */
function openPostPicker(): void {
  const list = session.info?.posts ?? [];
  palette.open(
    list.map((p) => ({ id: p.path, title: p.title || p.path, keywords: `${p.tags.join(" ")} ${p.path}`, run: () => void posts.open(p.path) })),
    t("palette.postPlaceholder"),
  );
}

window.addEventListener("keydown", (e) => shortcut(e, actions));

async function start(): Promise<void> {
  // The areas are built: what follows waits for the core; the first frame paints them.
  startMarks.mark("areas");
  requestAnimationFrame(() => setTimeout(() => startMarks.mark("frame"), 0));
  // The preview's style is asked only now: its answer sets up the preview's frame, which asked
  // for first was laid out before the window's first frame (ready about 45 ms later, medians
  // of 8 starts each).
  pipeline.frameReady = ipc
    .previewCss()
    .catch(() => "")
    .then((css) => preview.init(css, t("preview.empty")));
  try {
    await session.load(() => initialBlog);
  } finally {
    document.body.dataset.ready = "true";
    // A second launch made before the page listened is taken now (one after, on its event).
    void session.handover();
  }
  void ipc.appReady(startMarks.report()).catch(() => undefined);
}

void start();
