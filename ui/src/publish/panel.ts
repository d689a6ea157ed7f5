//! The Publish panel: what will be sent, the commit message, one button, progress, the
//! result with the site's address, and failures that offer their next step (a token, a
//! passphrase, trusting a host, the commit author). It is a side panel, never modal:
//! writing goes on while a publish runs.

import { t } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { type Finding, IpcError, type Outcome, type Plan, type Progress } from "../ipc";
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
}

/** The one-line label of a progress step, e.g. "Pushing 12/40 objects (3 KiB)". */
export function progressLabel(p: Progress): string {
  switch (p.stage) {
    case "fetching":
      return p.total ? t("publish.fetchingN", { objects: p.objects, total: p.total }) : t("publish.fetching");
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
  private readonly button: HTMLButtonElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly backend: PublishBackend,
  ) {
    this.message = h("textarea", { rows: "4", "data-testid": "publish-message", spellcheck: false, oninput: () => (this.messageEdited = true) });
    this.body = h("div", { class: "publish-body" });
    this.bar = h("progress", { max: "1", value: "0", "data-testid": "publish-progress" });
    this.barLabel = h("div", { class: "progress-label" });
    this.outcome = h("div", { class: "publish-outcome", "data-testid": "publish-outcome", role: "status" });
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
      this.root.replaceChildren(header, this.outcome);
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
    this.root.replaceChildren(header, this.body, h("div", { class: "publish-actions" }, this.button), this.bar, this.barLabel, this.outcome);
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
              h("strong", {}, x.target),
              " — ",
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
    this.bar.value = 0;
    this.barLabel.textContent = "";
    this.render();
    let result: Outcome | null = null;
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
    } else {
      this.render();
    }
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
