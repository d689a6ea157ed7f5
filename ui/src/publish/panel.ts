//! The Publish panel: what will be sent, the commit message, one button, progress, the
//! result with the site's address, and failures that offer their next step (a token, a
//! passphrase, trusting a host, the commit author). It is a side panel, never modal:
//! writing goes on while a publish runs.

import { t } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { type Deployment, type Finding, type Followed, IpcError, type Outcome, type Plan, type Progress, type WorkflowShown } from "../ipc";
import { h } from "../dom";

export interface PublishBackend {
  plan(): Promise<Plan>;
  /** Saves the open post if it has unsaved changes. */
  saveFirst(): Promise<void>;
  run(message: string | null, passphrase: string | null, trust: string | null, onProgress: (p: Progress) => void): Promise<Outcome>;
  saveToken(host: string, token: string): Promise<void>;
  saveIdentity(name: string, email: string): Promise<void>;
  /** After a publish: the files may have changed (the remote's commits came in). */
  published(outcome: Outcome): void;
  /** Broken images, links and anchors (`inkstone check`). */
  check(): Promise<Finding[]>;
  /** Opens a post at a line of its file. */
  openAt(path: string, line: number): void;
  /** Follows the pushed commit on GitHub until the site is live or failed. */
  follow(commit: string, changed: string[], onChange: (d: Deployment) => void): Promise<Followed>;
  /** The deployment's state, for the status bar too (`null`: nothing to show). */
  deployed(d: Deployment | null): void;
  /** Opens the GitHub dialog (to sign in). */
  openGitHub(): void;
  /** The generator's Pages workflow; `add` writes it into the repository. */
  workflow(add: boolean, daily: boolean): Promise<WorkflowShown>;
  /** Names the blog's GitHub repository (`owner/name`) when its remote is not on GitHub. */
  setRepository(repository: string): Promise<void>;
}

/** What the deployment of a publish is, in a few words. */
export function deployLabel(d: Deployment): string {
  switch (d.state) {
    case "building":
      return t("deploy.building");
    case "live":
      return t("deploy.live");
    case "failed":
      return d.failed_step ? t("deploy.failedStep", { step: d.failed_step }) : t("deploy.failed");
    case "unknown":
      return t("deploy.unknown");
  }
}

/** The one-line label of a progress step, e.g. "Pushing 12/40 objects (3 KiB)". */
export function progressLabel(p: Progress): string {
  switch (p.stage) {
    case "fetching":
      return p.total ? t("publish.fetchingN", { objects: p.objects, total: p.total }) : t("publish.fetching");
    case "checking_out":
      return t("github.checkingOut", { files: p.files, total: p.total });
    case "committing":
      return t("publish.committing");
    case "rebasing":
      return t("publish.rebasing", { commits: p.commits });
    case "pushing":
      return t("publish.pushing", { objects: p.objects, total: p.total, kib: Math.ceil(p.bytes / 1024) });
    case "done":
      return t("publish.done");
  }
}

/** The fraction of the bar a step fills: fetch is the first third, push the rest. */
export function progressFraction(p: Progress): number {
  const part = (n: number, total: number) => (total > 0 ? Math.min(n / total, 1) : 0);
  switch (p.stage) {
    case "fetching":
      return 0.3 * part(p.objects, p.total);
    case "checking_out":
      return 0.3;
    case "committing":
      return 0.35;
    case "rebasing":
      return 0.4;
    case "pushing":
      return 0.45 + 0.55 * part(p.objects, p.total);
    case "done":
      return 1;
  }
}

export class PublishPanel {
  private plan: Plan | null = null;
  /** What `check` found: a warning, never a reason not to publish. */
  private findings: Finding[] | null = null;
  private busy = false;
  private messageEdited = false;
  private readonly message: HTMLTextAreaElement;
  private readonly body: HTMLElement;
  private readonly bar: HTMLProgressElement;
  private readonly barLabel: HTMLElement;
  private readonly outcome: HTMLElement;
  /** Building… → Live (or Failed) after a publish. */
  private readonly live: HTMLElement;
  private readonly button: HTMLButtonElement;
  /** The publish whose deployment is followed; a newer one takes over. */
  private following = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly backend: PublishBackend,
  ) {
    this.message = h("textarea", { rows: "4", "data-testid": "publish-message", spellcheck: false, oninput: () => (this.messageEdited = true) });
    this.body = h("div", { class: "publish-body" });
    this.bar = h("progress", { max: "1", value: "0", "data-testid": "publish-progress" });
    this.barLabel = h("div", { class: "progress-label" });
    this.outcome = h("div", { class: "publish-outcome", "data-testid": "publish-outcome", role: "status" });
    this.live = h("div", { class: "publish-live", "data-testid": "publish-live", role: "status", "aria-live": "polite" });
    this.button = h("button", { class: "primary", "data-testid": "publish-run", onclick: () => void this.publish() });
    this.root.hidden = true;
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  async toggle(): Promise<void> {
    if (this.isOpen && !this.busy) {
      this.root.hidden = true;
      return;
    }
    this.root.hidden = false;
    await this.refresh();
  }

  /** Another blog is open: nothing of the last one's publish stays on screen. */
  reset(): void {
    this.following++;
    this.plan = null;
    this.findings = null;
    this.messageEdited = false;
    this.outcome.replaceChildren();
    this.live.replaceChildren();
    this.backend.deployed(null);
    if (this.isOpen) void this.refresh();
  }

  /** Re-reads what would be published (after a save, or when opened). */
  async refresh(): Promise<void> {
    if (this.busy) return;
    this.render();
    try {
      await this.backend.saveFirst();
      // The check can take a while on a big blog: the plan shows first, the check after.
      this.findings = null;
      void this.backend
        .check()
        .catch(() => null)
        .then((found) => {
          this.findings = found;
          if (!this.busy) this.render();
        });
      this.plan = await this.backend.plan();
      if (!this.messageEdited) this.message.value = this.plan.message;
    } catch (e) {
      this.plan = null;
      this.showError(e);
    }
    this.render();
  }

  private render(): void {
    const p = this.plan;
    this.button.textContent = this.busy ? t("publish.running") : t("publish.button");
    this.button.disabled = this.busy || !p || (p.changes.length === 0 && p.unpushed === 0);
    const close = h("button", { class: "close", "aria-label": t("publish.close"), onclick: () => void this.toggle() }, "×");
    const header = h("header", {}, h("h2", {}, t("publish.heading")), close);
    if (!p) {
      this.root.replaceChildren(header, this.outcome, this.live);
      return;
    }
    const target = h(
      "div",
      { class: "publish-target" },
      h("div", {}, h("strong", {}, p.branch), " → ", h("span", { class: "remote", title: p.remote_url }, `${p.remote}/${p.remote_branch}`)),
      h("div", { class: "muted" }, p.remote_url),
      h("div", { class: "muted", "data-testid": "publish-deploy" }, this.deployText(p)),
      p.site_url ? h("a", { href: p.site_url, target: "_blank", rel: "noopener" }, p.site_url) : null,
    );
    const changes = p.changes.length
      ? h(
          "ul",
          { class: "changes", "data-testid": "publish-changes" },
          ...p.changes.map((c) =>
            h("li", { class: `change ${c.kind}`, title: c.path }, h("span", { class: "kind" }, t(`publish.kind.${c.kind}` as MessageKey)), c.old_path ? `${c.old_path} → ${c.path}` : c.path),
          ),
        )
      : h("p", { class: "muted", "data-testid": "publish-changes" }, p.unpushed ? t("publish.unpushedOnly", { count: p.unpushed }) : t("publish.nothing"));
    const warnings = p.warnings.length ? h("ul", { class: "warnings" }, ...p.warnings.map((w) => h("li", {}, w))) : null;
    this.body.replaceChildren(
      target,
      h("h3", {}, t("publish.changes", { count: p.changes.length })),
      changes,
      p.unpushed && p.changes.length ? h("p", { class: "muted" }, t("publish.unpushed", { count: p.unpushed })) : "",
      warnings ?? "",
      this.renderCheck(),
      p.changes.length ? h("label", {}, h("span", {}, t("publish.message")), this.message) : "",
    );
    this.root.replaceChildren(header, this.body, h("div", { class: "publish-actions" }, this.button), this.bar, this.barLabel, this.outcome, this.live);
  }

  /** The Check section: each finding a button that opens the post at its line. */
  private renderCheck(): HTMLElement | string {
    const f = this.findings;
    if (!f) return "";
    const heading = h("h3", {}, f.length ? t("publish.checkFound", { count: f.length }) : t("publish.checkClean"));
    if (!f.length) return h("section", { class: "check", "data-testid": "publish-check" }, heading);
    return h(
      "section",
      { class: "check", "data-testid": "publish-check" },
      heading,
      h(
        "ul",
        { class: "warnings" },
        ...f.map((x) =>
          h(
            "li",
            {},
            h(
              "button",
              { class: "finding", "data-kind": x.kind, title: x.message, onclick: () => this.backend.openAt(x.file, x.line) },
              h("span", { class: "where" }, `${x.file}:${x.line}`),
              " ",
              // A post that cannot be read is a finding about the whole file: no target.
              ...(x.target ? [h("strong", {}, x.target), " — "] : []),
              x.message,
            ),
          ),
        ),
      ),
    );
  }

  private deployText(p: Plan): string {
    const d = p.deploy;
    if (d.kind === "actions") return t("publish.deployActions", { workflow: d.workflow });
    if (d.kind === "gh_pages_branch") return t("publish.deployGhPages");
    return t("publish.deployBranch", { branch: d.branch });
  }

  private async publish(answers: { passphrase?: string; trust?: string } = {}): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.outcome.replaceChildren();
    this.live.replaceChildren();
    this.following++;
    this.bar.value = 0;
    this.barLabel.textContent = "";
    this.render();
    let result: Outcome | null = null;
    const changed = (this.plan?.changes ?? []).map((c) => c.path);
    try {
      await this.backend.saveFirst();
      const message = this.message.value.trim() ? this.message.value : null;
      result = await this.backend.run(message, answers.passphrase ?? null, answers.trust ?? null, (p) => {
        this.bar.value = progressFraction(p);
        this.barLabel.textContent = progressLabel(p);
      });
    } catch (e) {
      this.showError(e);
    }
    this.busy = false;
    if (result) {
      this.messageEdited = false;
      this.bar.value = 1;
      this.backend.published(result);
      await this.refresh();
      this.showOutcome(result);
      if (result.published && result.head) void this.follow(result.head, changed);
    } else {
      this.render();
    }
  }

  /** Follows the pushed commit: Building… with the run, then Live with the post's address,
   * or Failed with the job and step and a link to the log. */
  private async follow(commit: string, changed: string[]): Promise<void> {
    const mine = ++this.following;
    const show = (d: Deployment) => {
      if (mine !== this.following) return;
      this.showDeployment(d, null);
      this.backend.deployed(d);
    };
    this.live.replaceChildren(h("p", { class: "muted" }, t("deploy.asking")));
    try {
      const followed = await this.backend.follow(commit, changed, show);
      if (mine !== this.following) return;
      this.showDeployment(followed.deployment, followed.workflow_offer);
      this.backend.deployed(followed.deployment);
    } catch (e) {
      if (mine !== this.following) return;
      const err = e instanceof IpcError ? e : new IpcError("internal", String(e));
      this.backend.deployed(null);
      if (err.code === "signed_out") {
        this.live.replaceChildren(
          h("p", { class: "muted" }, t("deploy.signIn")),
          h("button", { "data-testid": "publish-sign-in", onclick: () => this.backend.openGitHub() }, t("github.signIn")),
        );
      } else if (err.code === "not_github") {
        this.live.replaceChildren(this.askRepository(commit, changed, err.message));
      } else {
        this.live.replaceChildren(h("p", { class: "muted" }, err.message));
      }
    }
  }

  /** The remote is not on GitHub: which repository serves the site, then follow again. */
  private askRepository(commit: string, changed: string[], why: string): HTMLElement {
    const input = h("input", { type: "text", placeholder: "owner/name", spellcheck: false, autocomplete: "off", "data-testid": "github-repository" });
    const error = h("p", { class: "error" });
    const onsubmit = (e: Event) => {
      e.preventDefault();
      void this.backend
        .setRepository(input.value.trim())
        .then(() => this.follow(commit, changed))
        .catch((err: unknown) => (error.textContent = err instanceof Error ? err.message : String(err)));
    };
    return h(
      "form",
      { class: "next-step", onsubmit },
      h("p", { class: "muted" }, why),
      h("p", {}, t("deploy.whichRepository")),
      input,
      error,
      h("button", { type: "submit", "data-testid": "github-repository-save" }, t("deploy.follow")),
    );
  }

  private showDeployment(d: Deployment, offer: string | null): void {
    const link = (href: string | null, text: string, testid: string) => (href ? h("a", { href, target: "_blank", rel: "noopener", "data-testid": testid }, text) : null);
    const parts: Array<Node | null> = [h("p", { class: `deploy ${d.state}`, "data-state": d.state }, deployLabel(d))];
    if (d.state === "live") parts.push(link(d.url, d.url ?? "", "deploy-url"));
    if (d.state === "building") {
      parts.push(link(d.run_url, t("deploy.run"), "deploy-run"));
      if (d.message) parts.push(h("p", { class: "muted" }, d.message));
    }
    if (d.state === "failed") {
      if (d.message) parts.push(h("p", { class: "muted" }, d.message));
      parts.push(link(d.log_url ?? d.run_url, t("deploy.log"), "deploy-log"));
    }
    if (d.state === "unknown" && d.message) parts.push(h("p", { class: "muted" }, d.message));
    if (offer) parts.push(this.renderOffer(offer));
    this.live.replaceChildren(...parts.filter((p): p is Node => p !== null));
  }

  /** The workflow offer: why, the file in full on request, and Add. */
  private renderOffer(offer: string): HTMLElement {
    const box = h("div", { class: "offer", "data-testid": "deploy-offer" });
    const show = async () => {
      let wf: WorkflowShown;
      try {
        wf = await this.backend.workflow(false, false);
        // Shown as it will be added: with the daily rebuild when posts are dated ahead.
        if (wf.scheduled_posts > 0) wf = await this.backend.workflow(false, true);
      } catch (e) {
        box.append(h("p", { class: "error" }, e instanceof Error ? e.message : String(e)));
        return;
      }
      const daily = h("input", { type: "checkbox", "data-testid": "workflow-daily", checked: wf.scheduled_posts > 0 });
      const text = h("pre", { class: "workflow", "data-testid": "workflow-text" }, wf.text);
      daily.addEventListener("change", () => {
        void this.backend.workflow(false, daily.checked).then((w) => (text.textContent = w.text));
      });
      const add = h("button", { class: "primary", "data-testid": "workflow-add" }, t("workflow.add", { path: wf.path }));
      add.addEventListener("click", () => {
        void this.backend
          .workflow(true, daily.checked)
          .then(async (w) => {
            box.replaceChildren(h("p", { class: "ok" }, t("workflow.added", { path: w.path })));
            await this.refresh();
          })
          .catch((e: unknown) => box.append(h("p", { class: "error" }, e instanceof Error ? e.message : String(e))));
      });
      box.replaceChildren(
        h("p", {}, offer),
        h("label", { class: "check" }, daily, h("span", {}, wf.scheduled_posts ? t("workflow.dailyN", { count: wf.scheduled_posts }) : t("workflow.daily"))),
        text,
        h("p", { class: "muted" }, t("workflow.scope")),
        add,
      );
    };
    box.append(h("p", {}, offer), h("button", { "data-testid": "workflow-show", onclick: () => void show() }, t("workflow.show")));
    return box;
  }

  private showOutcome(o: Outcome): void {
    this.barLabel.textContent = "";
    const parts: Array<Node | string> = [];
    if (o.published) {
      parts.push(h("p", { class: "ok" }, t("publish.published", { commit: o.commit ?? "", summary: o.summary ?? "" })));
      if (o.remote_commits) parts.push(h("p", { class: "muted" }, t("publish.broughtIn", { count: o.remote_commits })));
      if (o.site_url) parts.push(h("a", { href: o.site_url, target: "_blank", rel: "noopener", "data-testid": "publish-site" }, t("publish.viewSite")));
    } else {
      parts.push(h("p", { class: "ok" }, t("publish.upToDate")));
    }
    this.outcome.replaceChildren(...parts);
  }

  /** A failure, with the form for its next step when there is one. */
  private showError(e: unknown): void {
    const err = e instanceof IpcError ? e : new IpcError("internal", String(e));
    const message = h("p", { class: "error", "data-testid": "publish-error" }, err.message);
    const secret = (placeholder: string) => h("input", { type: "password", placeholder, autocomplete: "off", "data-testid": "publish-secret" });
    let form: HTMLElement | null = null;
    switch (err.code) {
      case "token_needed":
      case "auth_failed": {
        const host = err.detail ?? "";
        const input = secret(t("publish.tokenPlaceholder"));
        form = this.form(t("publish.tokenFor", { host }), [input], t("publish.saveAndPublish"), async () => {
          await this.backend.saveToken(host, input.value);
          await this.publish();
        });
        break;
      }
      case "passphrase_needed":
      case "wrong_passphrase": {
        const input = secret(t("publish.passphrase"));
        form = this.form(t("publish.passphraseFor", { key: err.detail ?? "" }), [input], t("publish.button"), () => this.publish({ passphrase: input.value }));
        break;
      }
      case "unknown_host":
        form = this.form(t("publish.trustHost"), [], t("publish.trustAndPublish"), () => this.publish({ trust: err.detail ?? "" }));
        break;
      case "no_identity": {
        const name = h("input", { type: "text", placeholder: t("publish.name"), "data-testid": "publish-name" });
        const email = h("input", { type: "email", placeholder: t("publish.email"), "data-testid": "publish-email" });
        form = this.form(t("publish.identity"), [name, email], t("publish.saveAndPublish"), async () => {
          await this.backend.saveIdentity(name.value, email.value);
          await this.publish();
        });
        break;
      }
    }
    this.outcome.replaceChildren(message, ...(form ? [form] : []));
  }

  private form(title: string, inputs: HTMLInputElement[], action: string, go: () => Promise<void>): HTMLElement {
    const onsubmit = (e: Event) => {
      e.preventDefault();
      go().catch((err: unknown) => this.showError(err));
    };
    return h(
      "form",
      { class: "next-step", onsubmit },
      h("p", {}, title),
      ...inputs,
      h("button", { type: "submit", class: "primary", "data-testid": "publish-next" }, action),
    );
  }
}
