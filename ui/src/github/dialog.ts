//! The GitHub dialog: Sign in with GitHub (a one-time code entered on GitHub, or a pasted
//! token when this build has no OAuth app), who is signed in, and Open from GitHub: the
//! user's repositories, those with a Pages site first, each cloned with a progress bar and
//! opened. The token never reaches this page: the core keeps it in the system keychain.

import { t } from "../i18n";
import { type Account, IpcError, type Progress, type Repo, type SignIn } from "../ipc";
import { h } from "../dom";
import { progressFraction } from "../publish/panel";

export interface GitHubBackend {
  account(): Promise<Account | null>;
  signIn(): Promise<SignIn>;
  /** Waits until the code was entered on GitHub; rejects with `cancelled` after `cancel`. */
  waitForSignIn(): Promise<Account>;
  cancel(): Promise<void>;
  signInWithToken(token: string): Promise<Account>;
  signOut(): Promise<void>;
  repos(): Promise<Repo[]>;
  /** The system's folder dialog; the folder, `null` when cancelled. */
  pickFolder(): Promise<string | null>;
  /** Clones and opens `repository` (into the picked folder, else the home folder). */
  clone(repository: string, intoPicked: boolean, onProgress: (p: Progress) => void): Promise<void>;
}

/** The progress of a clone in words: receiving objects, then writing files. */
export function cloneLabel(p: Progress): string {
  switch (p.stage) {
    case "fetching":
      return p.total ? t("github.receiving", { objects: p.objects, total: p.total }) : t("github.connecting");
    case "checking_out":
      return t("github.checkingOut", { files: p.files, total: p.total });
    default:
      return t("github.opening");
  }
}

export class GitHubDialog {
  private account: Account | null = null;
  private repos: Repo[] | null = null;
  private folder: string | null = null;
  private busy = false;
  private readonly body = h("div", { class: "github-body" });
  private readonly error = h("p", { class: "error", role: "alert", "data-testid": "github-error" });

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly backend: GitHubBackend,
  ) {
    this.dialog.addEventListener("close", () => {
      // A sign-in still waiting stops with the dialog.
      void this.backend.cancel();
    });
  }

  async open(): Promise<void> {
    this.error.textContent = "";
    this.dialog.replaceChildren(
      h("header", {}, h("h2", {}, t("github.heading")), h("button", { class: "close", "aria-label": t("publish.close"), onclick: () => this.dialog.close() }, "×")),
      this.body,
      this.error,
    );
    this.body.replaceChildren(h("p", { class: "muted" }, t("github.checking")));
    if (!this.dialog.open) this.dialog.showModal();
    try {
      this.account = await this.backend.account();
    } catch (e) {
      this.account = null;
      this.fail(e);
    }
    this.render();
    if (this.account) await this.loadRepos();
  }

  private fail(e: unknown): void {
    this.error.textContent = e instanceof Error ? e.message : String(e);
  }

  private render(): void {
    if (!this.account) {
      this.body.replaceChildren(
        h("p", {}, t("github.why")),
        h("button", { class: "primary", "data-testid": "github-sign-in", onclick: () => void this.signIn() }, t("github.signIn")),
      );
      return;
    }
    const a = this.account;
    const who = h(
      "div",
      { class: "github-account", "data-testid": "github-account" },
      h("span", {}, t("github.signedIn", { host: a.host, login: a.login })),
      h("button", { class: "link", "data-testid": "github-sign-out", onclick: () => void this.signOut() }, t("github.signOut")),
    );
    const missing = a.missing.length ? h("p", { class: "muted" }, t("github.missing", { scopes: a.missing.join(", ") })) : null;
    const list = this.renderRepos();
    const folder = h(
      "div",
      { class: "github-folder muted" },
      h("span", { "data-testid": "github-folder" }, this.folder ? t("github.into", { folder: this.folder }) : t("github.intoHome")),
      h("button", { class: "link", onclick: () => void this.pick() }, t("github.chooseFolder")),
    );
    this.body.replaceChildren(who, missing ?? "", h("h3", {}, t("github.openFrom")), folder, list);
  }

  private renderRepos(): HTMLElement {
    if (this.repos === null) return h("p", { class: "muted" }, t("github.loading"));
    if (!this.repos.length) return h("p", { class: "muted" }, t("github.noRepos"));
    return h(
      "ul",
      { class: "github-repos", "data-testid": "github-repos" },
      ...this.repos.map((r) =>
        h(
          "li",
          { "data-repo": r.full_name },
          h("span", { class: "repo-name" }, r.full_name),
          r.has_pages ? h("span", { class: "badge pages" }, "Pages") : null,
          r.private ? h("span", { class: "badge" }, t("github.private")) : null,
          h("span", { class: "muted pushed" }, r.pushed_at ? r.pushed_at.slice(0, 10) : t("github.neverPushed")),
          h("button", { class: "clone", "data-testid": "github-clone", disabled: this.busy, onclick: () => void this.clone(r.full_name) }, t("github.clone")),
        ),
      ),
    );
  }

  private async loadRepos(): Promise<void> {
    try {
      this.repos = await this.backend.repos();
    } catch (e) {
      this.repos = [];
      this.fail(e);
    }
    this.render();
  }

  private async signIn(): Promise<void> {
    this.error.textContent = "";
    let how: SignIn;
    try {
      how = await this.backend.signIn();
    } catch (e) {
      this.fail(e);
      return;
    }
    if (how.kind === "token") {
      this.askToken(how.new_token_page);
      return;
    }
    const cancel = h("button", { onclick: () => void this.backend.cancel() }, t("github.cancel"));
    this.body.replaceChildren(
      h("p", {}, t("github.enterCode")),
      h("p", { class: "user-code", "data-testid": "github-code" }, how.user_code),
      h("p", {}, h("a", { href: how.verification_uri, target: "_blank", rel: "noopener", "data-testid": "github-verify" }, how.verification_uri)),
      h("p", { class: "muted waiting", role: "status" }, t("github.waiting", { minutes: Math.round(how.expires_in / 60) })),
      h("div", { class: "actions" }, cancel),
    );
    try {
      this.account = await this.backend.waitForSignIn();
    } catch (e) {
      if (!(e instanceof IpcError && e.code === "cancelled")) this.fail(e);
      this.render();
      return;
    }
    this.render();
    await this.loadRepos();
  }

  private askToken(page: string): void {
    const input = h("input", { type: "password", autocomplete: "off", placeholder: t("publish.tokenPlaceholder"), "data-testid": "github-token" });
    const submit = async (e: Event) => {
      e.preventDefault();
      this.error.textContent = "";
      try {
        this.account = await this.backend.signInWithToken(input.value);
      } catch (err) {
        this.fail(err);
        return;
      }
      this.render();
      await this.loadRepos();
    };
    this.body.replaceChildren(
      h(
        "form",
        { onsubmit: submit },
        h("p", {}, t("github.tokenWhy")),
        h("p", {}, h("a", { href: page, target: "_blank", rel: "noopener" }, t("github.makeToken"))),
        input,
        h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", "data-testid": "github-token-save" }, t("github.signIn"))),
      ),
    );
  }

  private async signOut(): Promise<void> {
    try {
      await this.backend.signOut();
      this.account = null;
      this.repos = null;
    } catch (e) {
      this.fail(e);
    }
    this.render();
  }

  private async pick(): Promise<void> {
    const folder = await this.backend.pickFolder().catch(() => null);
    if (folder) this.folder = folder;
    this.render();
  }

  private async clone(repository: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error.textContent = "";
    this.render();
    const bar = h("progress", { max: "1", value: "0", "data-testid": "github-clone-progress" });
    const label = h("div", { class: "progress-label", "data-testid": "github-clone-label" }, t("github.connecting"));
    this.body.append(h("div", { class: "github-cloning" }, h("p", {}, t("github.cloning", { repository })), bar, label));
    try {
      await this.backend.clone(repository, this.folder !== null, (p) => {
        bar.value = p.stage === "checking_out" ? 0.8 + 0.2 * (p.total ? p.files / p.total : 0) : Math.min(progressFraction(p) / 0.3, 1) * 0.8;
        label.textContent = cloneLabel(p);
      });
      this.folder = null;
      this.dialog.close();
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
      if (this.dialog.open) this.render();
    }
  }
}
