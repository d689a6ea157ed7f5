import { beforeAll, describe, expect, it } from "vitest";
import { fakeDialog } from "../testing";
import { setLocale } from "../i18n";
import { IpcError, type Account, type Deployment, type Progress } from "../ipc";
import { deployLabel } from "../publish/panel";
import { GitHubDialog, type GitHubBackend, cloneLabel } from "./dialog";

const octocat: Account = { host: "github.com", login: "octocat", name: null, scopes: ["repo"], missing: ["workflow"] };

/** A backend whose sign-in waits until the test says how it ends. */
function backend(over: Partial<GitHubBackend> = {}) {
  let finish: (a: Account | Error) => void = () => {};
  const cloned: string[] = [];
  const b: GitHubBackend = {
    account: async () => null,
    signIn: async () => ({ kind: "device", user_code: "WDJB-MJHT", verification_uri: "https://github.com/login/device", expires_in: 900 }),
    waitForSignIn: () =>
      new Promise<Account>((ok, fail) => {
        finish = (a) => (a instanceof Error ? fail(a) : ok(a));
      }),
    cancel: async () => finish(new IpcError("cancelled", "the sign-in was stopped")),
    signInWithToken: async () => octocat,
    signOut: async () => {},
    repos: async () => [
      { full_name: "octocat/octocat.github.io", clone_url: "", html_url: "", default_branch: "main", private: false, has_pages: true, pushed_at: "2026-11-01T00:00:00Z" },
      { full_name: "octocat/notes", clone_url: "", html_url: "", default_branch: "main", private: true, has_pages: false, pushed_at: null },
    ],
    pickFolder: async () => null,
    clone: async (repository, _picked, onProgress: (p: Progress) => void) => {
      onProgress({ stage: "fetching", objects: 1, total: 2, bytes: 10 });
      cloned.push(repository);
    },
    ...over,
  };
  return { b, finish: (a: Account | Error) => finish(a), cloned };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

const dialog = fakeDialog;

const q = (d: HTMLElement, id: string) => d.querySelector<HTMLElement>(`[data-testid=${id}]`);

beforeAll(() => setLocale("en"));

describe("the GitHub dialog", () => {
  it("shows the code, then the account and the repositories, Pages first as given", async () => {
    const { b, finish } = backend();
    const d = dialog();
    const g = new GitHubDialog(d, b);
    await g.open();
    q(d, "github-sign-in")!.click();
    await tick();
    expect(q(d, "github-code")!.textContent).toBe("WDJB-MJHT");
    expect(q(d, "github-verify")!.getAttribute("href")).toBe("https://github.com/login/device");
    finish(octocat);
    await tick();
    await tick();
    expect(q(d, "github-account")!.textContent).toContain("Signed in to github.com as octocat");
    expect(d.textContent).toContain("lacks the workflow scope");
    const rows = [...d.querySelectorAll<HTMLElement>("[data-testid=github-repos] li")];
    expect(rows.map((r) => r.dataset.repo)).toEqual(["octocat/octocat.github.io", "octocat/notes"]);
    expect(rows[0].textContent).toContain("Pages");
    expect(rows[1].textContent).toContain("private");
    expect(rows[1].textContent).toContain("never pushed");
  });

  it("cancelling the wait is quiet and offers sign-in again", async () => {
    const { b } = backend();
    const d = dialog();
    await new GitHubDialog(d, b).open();
    q(d, "github-sign-in")!.click();
    await tick();
    d.querySelector<HTMLButtonElement>(".actions button")!.click();
    await tick();
    await tick();
    expect(q(d, "github-error")!.textContent).toBe("");
    expect(q(d, "github-sign-in")).not.toBeNull();
  });

  it("a build without an OAuth app takes a pasted token", async () => {
    const { b } = backend({ signIn: async () => ({ kind: "token", new_token_page: "https://github.com/settings/tokens/new?scopes=repo%2Cworkflow" }) });
    const d = dialog();
    await new GitHubDialog(d, b).open();
    q(d, "github-sign-in")!.click();
    await tick();
    const input = q(d, "github-token") as HTMLInputElement;
    expect(input.type).toBe("password");
    input.value = "ghp_x";
    q(d, "github-token-save")!.closest("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await tick();
    await tick();
    expect(q(d, "github-account")!.textContent).toContain("octocat");
  });

  it("clones with progress and closes; a failure stays in the dialog", async () => {
    const { b, cloned } = backend({ account: async () => octocat });
    const d = dialog();
    await new GitHubDialog(d, b).open();
    d.querySelector<HTMLButtonElement>("li[data-repo='octocat/notes'] [data-testid=github-clone]")!.click();
    await tick();
    expect(cloned).toEqual(["octocat/notes"]);
    expect(d.open).toBe(false);

    const failing = backend({ account: async () => octocat, clone: async () => Promise.reject(new IpcError("target_not_empty", "/home/u/notes is not empty")) });
    const d2 = dialog();
    await new GitHubDialog(d2, failing.b).open();
    d2.querySelector<HTMLButtonElement>("[data-testid=github-clone]")!.click();
    await tick();
    await tick();
    expect(d2.open).toBe(true);
    expect(q(d2, "github-error")!.textContent).toBe("/home/u/notes is not empty");
  });
});

describe("progress and deployment words", () => {
  it("name the stage", () => {
    expect(cloneLabel({ stage: "fetching", objects: 3, total: 9, bytes: 0 })).toBe("Receiving 3/9 objects");
    expect(cloneLabel({ stage: "checking_out", files: 4, total: 8 })).toBe("Writing 4/8 files");
    const d: Deployment = { state: "failed", url: null, run_url: null, failed_step: "build › Build with Hugo", log_url: null, message: null, build_type: "workflow", commit: "abc" };
    expect(deployLabel(d)).toBe("Failed: build › Build with Hugo");
    expect(deployLabel({ ...d, state: "live" })).toBe("Live");
    setLocale("zh-CN");
    expect(deployLabel({ ...d, state: "building" })).toBe("正在构建…");
    setLocale("en");
  });
});
