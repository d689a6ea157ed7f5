//! The only place that calls `invoke`: one typed function per app command.

import { Channel, invoke } from "@tauri-apps/api/core";
import type { BlogChanged } from "./bindings/BlogChanged";
import type { BlogInfo } from "./bindings/BlogInfo";
import type { Recovered } from "./bindings/Recovered";
import type { CommandError } from "./bindings/CommandError";
import type { Changed } from "./bindings/Changed";
import type { Document } from "./bindings/Document";
import type { Handover } from "./bindings/Handover";
import type { Hit } from "./bindings/Hit";
import type { Taxonomy } from "./bindings/Taxonomy";
import type { TermCount } from "./bindings/TermCount";
import type { TermOp } from "./bindings/TermOp";
import type { FieldValue } from "./bindings/FieldValue";
import type { NewPost } from "./bindings/NewPost";
import type { Post } from "./bindings/Post";
import type { Outcome } from "./bindings/Outcome";
import type { Plan } from "./bindings/Plan";
import type { Preview } from "./bindings/Preview";
import type { TextChange } from "./bindings/TextChange";
import type { TextEdit } from "./bindings/TextEdit";
import type { Progress } from "./bindings/Progress";
import type { SiteLanguage } from "./bindings/SiteLanguage";
import type { Finding } from "./bindings/Finding";
import type { ImageAdded } from "./bindings/ImageAdded";
import type { Account } from "./bindings/Account";
import type { SignIn } from "./bindings/SignIn";
import type { Repo } from "./bindings/Repo";
import type { Deployment } from "./bindings/Deployment";
import type { Followed } from "./bindings/Followed";
import type { WorkflowShown } from "./bindings/WorkflowShown";
import type { BlogPrefs } from "./bindings/BlogPrefs";
import type { BlogSettings } from "./bindings/BlogSettings";

export type { BlogChanged, Recovered, BlogInfo, Changed, CommandError, Handover, Hit, Taxonomy, TermCount, TermOp, Document, FieldValue, NewPost, Outcome, Plan, Post, Preview, Progress, SiteLanguage, TextChange, TextEdit, Finding, ImageAdded, Account, SignIn, Repo, Deployment, Followed, WorkflowShown };

/** A command's failure as an Error carrying the backend's `code`. */
export class IpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** What the next step needs (a host, a key path, a fingerprint). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "IpcError";
  }
}

function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown> | Uint8Array, options?: { headers: Record<string, string> }): Promise<T> {
  try {
    return await invoke<T>(cmd, args, options);
  } catch (e) {
    if (isCommandError(e)) throw new IpcError(e.code, e.message, e.detail);
    throw new IpcError("internal", String(e));
  }
}

export const ipc = {
  /** Shows the folder dialog (the core does); the picked folder, `null` when cancelled. */
  blogPick: () => call<string | null>("blog_pick"),
  /** Opens the folder just picked, or a recently opened blog. */
  blogOpen: (root: string) => call<BlogInfo>("blog_open", { path: root }),
  blogOpenInitial: () => call<BlogInfo>("blog_open_initial"),
  /** What a second launch asked for, once (kept by the core until taken); null when nothing. */
  blogHandover: () => call<Handover | null>("blog_handover"),
  /** The posts, each file read again; `changedOnly`: only the files the watcher saw change. */
  blogPosts: (changedOnly = false) => call<Post[]>("blog_posts", { changedOnly }),
  blogRecent: () => call<string[]>("blog_recent"),
  postOpen: (path: string) => call<Document>("post_open", { path }),
  /** Writes `text`; `base` is what the buffer was loaded from (refused as `changed_on_disk`
   * when the file no longer holds it). */
  postSave: (path: string, text: string, force = false, base?: string) =>
    call<Post>("post_save", { path, text, force, base: base ?? null }),
  postDisk: (path: string) => call<string | null>("post_disk", { path }),
  postSplit: (path: string, text: string) => call<Document>("post_split", { path, text }),
  /** Journals the whole text; the version `journalEdit` builds on. */
  journalWrite: (path: string, text: string) => call<number>("journal_write", { path, text }),
  /** Journals the changes since version `edit.base` (fails with code `journal_stale`). */
  journalEdit: (path: string, edit: TextEdit) => call<number>("journal_edit", { path, edit }),
  journalClear: (path: string) => call<void>("journal_clear", { path }),
  journalPending: () => call<Recovered[]>("journal_pending"),
  postCreate: (request: NewPost) => call<string>("post_create", { request }),
  /** The window is ready to edit; `marks` are moments of the start (name, Unix epoch ms). */
  appReady: (marks: [string, number][]) => call<null>("app_ready", { marks }),
  /** Closes the window: the page has settled its unsaved posts. */
  appClose: () => call<null>("app_close"),
  previewRender: (path: string, text: string, seq: number, have: number) =>
    call<Preview | null>("preview_render", { path, text, edit: null, seq, have }),
  /** Renders the text the core holds of `path` with `edit` applied (see `previewRender`). */
  previewEdit: (path: string, edit: TextEdit, seq: number, have: number) =>
    call<Preview | null>("preview_render", { path, text: null, edit, seq, have }),
  previewCss: () => call<string>("preview_css"),
  frontmatterSet: (head: string, key: string, value: FieldValue) => call<string>("frontmatter_set", { head, key, value }),
  termsPlan: (taxonomy: Taxonomy, op: TermOp) => call<string[]>("terms_plan", { taxonomy, op }),
  termsApply: (taxonomy: Taxonomy, op: TermOp) => call<Changed>("terms_apply", { taxonomy, op }),
  termsUndo: () => call<Changed>("terms_undo"),
  postDraft: (path: string, draft: boolean) => call<Changed>("post_draft", { path, draft }),
  /** Starts the translation of `path` into `lang`: the new draft is `paths[0]`. */
  postTranslate: (path: string, lang: string) => call<Changed>("post_translate", { path, lang }),
  /** Stores pasted image bytes for the post at `path` (`name`: the file's, or `image.png`). */
  imagePaste: (path: string, name: string, bytes: Uint8Array) =>
    call<ImageAdded>("image_paste", bytes, { headers: { "x-post": encodeURIComponent(path), "x-name": encodeURIComponent(name) } }),
  /** The system's file dialog, then the picked images stored for the post at `path`. */
  imageInsert: (path: string) => call<ImageAdded[]>("image_insert", { post: path }),
  /** The files just dropped on the window, stored for the post at `path`. */
  imageDrop: (path: string) => call<ImageAdded[]>("image_drop", { post: path }),
  /** Broken images, links and anchors of every post, as the built site resolves them. */
  checkRun: () => call<Finding[]>("check_run"),
  searchQuery: (query: string) => call<Hit[]>("search_query", { query }),
  publishPlan: () => call<Plan>("publish_plan"),
  publishRun: (message: string | null, passphrase: string | null, trustFingerprint: string | null, onProgress: (p: Progress) => void) => {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return call<Outcome>("publish_run", { message, passphrase, trustFingerprint, onProgress: channel });
  },
  publishTokenSave: (host: string, token: string) => call<void>("publish_token_save", { host, token }),
  publishIdentitySave: (name: string, email: string) => call<void>("publish_identity_save", { name, email }),
  blogSettings: () => call<BlogPrefs>("blog_settings"),
  blogSettingsSave: (settings: BlogSettings) => call<void>("blog_settings_save", { settings }),
  /** The signed-in GitHub account, `null` when signed out. */
  githubAccount: () => call<Account | null>("github_account"),
  /** Starts signing in: the code to show (the core opens GitHub's page), or the token page. */
  githubSignIn: () => call<SignIn>("github_sign_in"),
  githubSignInWait: () => call<Account>("github_sign_in_wait"),
  githubSignInCancel: () => call<void>("github_sign_in_cancel"),
  githubToken: (token: string) => call<Account>("github_token", { token }),
  githubSignOut: () => call<void>("github_sign_out"),
  githubRepos: () => call<Repo[]>("github_repos"),
  /** Clones `repository` (`owner/name`) and opens it as the blog. */
  githubClone: (repository: string, intoPicked: boolean, onProgress: (p: Progress) => void) => {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return call<BlogInfo>("github_clone", { repository, intoPicked, onProgress: channel });
  },
  /** Follows a published commit on GitHub Pages until live or failed. */
  githubFollow: (commit: string, changed: string[], onChange: (d: Deployment) => void) => {
    const channel = new Channel<Deployment>();
    channel.onmessage = onChange;
    return call<Followed>("github_follow", { commit, changed, onChange: channel });
  },
  /** The blog's Pages workflow in full; `add` writes it into `.github/workflows/`. */
  githubWorkflow: (add: boolean, daily: boolean) => call<WorkflowShown>("github_workflow", { add, daily }),
  /** Names the blog's GitHub repository (`owner/name`) when its remote is elsewhere. */
  githubRepositorySet: (repository: string) => call<void>("github_repository_set", { repository }),
};
