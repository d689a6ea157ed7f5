import { beforeAll, describe, expect, it } from "vitest";
import { setLocale } from "../i18n";
import { type Deployment, type Followed, IpcError, type Plan } from "../ipc";
import { type PublishBackend, PublishPanel } from "./panel";

const plan: Plan = {
  branch: "main",
  remote: "origin",
  remote_url: "https://github.com/octocat/blog.git",
  remote_branch: "main",
  changes: [{ path: "content/posts/tcp.md", kind: "modified" }] as Plan["changes"],
  unpushed: 0,
  message: "Update \"TCP\"",
  deploy: { kind: "branch", branch: "main" },
  warnings: [],
};

const at = (state: Deployment["state"], more: Partial<Deployment> = {}): Deployment => ({
  state,
  url: "https://octocat.github.io/blog/posts/tcp/",
  run_url: "https://github.com/octocat/blog/actions/runs/1",
  failed_step: null,
  log_url: null,
  message: null,
  build_type: "workflow",
  commit: "a".repeat(40),
  ...more,
});

/** A panel whose publish succeeds and whose deployment goes as `follow` says. */
function panel(follow: PublishBackend["follow"], over: Partial<PublishBackend> = {}) {
  const root = document.createElement("aside");
  document.body.append(root);
  const shown: Array<Deployment | null> = [];
  const followed: string[][] = [];
  const backend: PublishBackend = {
    plan: async () => plan,
    saveFirst: async () => {},
    run: async () => ({ published: true, commit: "aaaaaaa", head: "a".repeat(40), summary: "Update", remote_commits: 0, remote_url: plan.remote_url, branch: "main" }),
    saveToken: async () => {},
    saveIdentity: async () => {},
    published: () => {},
    check: async () => [],
    openAt: () => {},
    follow: (commit, changed, onChange) => {
      followed.push([commit, ...changed]);
      return follow(commit, changed, onChange);
    },
    deployed: (d) => shown.push(d),
    openGitHub: () => {},
    workflow: async () => ({ path: ".github/workflows/hugo.yml", text: "name: Deploy Hugo site to Pages\n", added: false, scheduled_posts: 2 }),
    setRepository: async () => {},
    ...over,
  };
  return { p: new PublishPanel(root, backend), root, shown, followed };
}

const settle = async () => {
  for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
};
const q = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid=${id}]`);

beforeAll(() => setLocale("en"));

describe("after a publish, the deployment", () => {
  it("goes Building… → Failed with the step and the log, for the pushed commit and the published files", async () => {
    let building: (d: Deployment) => void = () => {};
    let end: (f: Followed) => void = () => {};
    const { p, root, shown, followed } = panel((_c, _ch, onChange) => {
      building = onChange;
      return new Promise((ok) => (end = ok));
    });
    await p.toggle();
    await settle();
    q(root, "publish-run")!.click();
    await settle();
    expect(followed).toEqual([["a".repeat(40), "content/posts/tcp.md"]]);
    building(at("building"));
    expect(q(root, "publish-live")!.textContent).toContain("Building…");
    expect(q(root, "deploy-run")!.getAttribute("href")).toBe("https://github.com/octocat/blog/actions/runs/1");
    end({ deployment: at("failed", { failed_step: "build › Build with Hugo", log_url: "https://github.com/octocat/blog/actions/runs/1/job/2" }), workflow_offer: null });
    await settle();
    expect(q(root, "publish-live")!.querySelector(".deploy")!.textContent).toBe("Failed: build › Build with Hugo");
    expect(q(root, "deploy-log")!.getAttribute("href")).toBe("https://github.com/octocat/blog/actions/runs/1/job/2");
    expect(shown.map((d) => d?.state)).toEqual(["building", "failed"]);
  });

  it("offers the workflow in full, with the daily rebuild ticked for scheduled posts", async () => {
    const { p, root } = panel(async () => ({ deployment: at("live"), workflow_offer: "GitHub Pages builds the branch main with Jekyll" }));
    await p.toggle();
    await settle();
    q(root, "publish-run")!.click();
    await settle();
    expect(q(root, "deploy-url")!.getAttribute("href")).toBe("https://octocat.github.io/blog/posts/tcp/");
    expect(q(root, "deploy-offer")!.textContent).toContain("with Jekyll");
    q(root, "workflow-show")!.click();
    await settle();
    expect(q(root, "workflow-text")!.textContent).toBe("name: Deploy Hugo site to Pages\n");
    expect((q(root, "workflow-daily") as HTMLInputElement).checked).toBe(true);
  });

  it("asks for sign-in, or for the repository when the remote is not on GitHub", async () => {
    const signedOut = panel(async () => Promise.reject(new IpcError("signed_out", "not signed in")));
    await signedOut.p.toggle();
    await settle();
    q(signedOut.root, "publish-run")!.click();
    await settle();
    expect(q(signedOut.root, "publish-sign-in")).not.toBeNull();
    expect(signedOut.shown).toEqual([null]);

    let tries = 0;
    const named: string[] = [];
    const elsewhere = panel(
      async () => {
        tries++;
        if (tries === 1) throw new IpcError("not_github", "the blog's remote is not on github.com");
        return { deployment: at("live"), workflow_offer: null };
      },
      { setRepository: async (r) => void named.push(r) },
    );
    await elsewhere.p.toggle();
    await settle();
    q(elsewhere.root, "publish-run")!.click();
    await settle();
    const input = q(elsewhere.root, "github-repository") as HTMLInputElement;
    input.value = " octocat/blog ";
    input.closest("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(named).toEqual(["octocat/blog"]);
    expect(q(elsewhere.root, "deploy-url")).not.toBeNull();
  });
});
