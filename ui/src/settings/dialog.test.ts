// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { BlogPrefs } from "../ipc/bindings/BlogPrefs";
import type { BlogSettings } from "../ipc/bindings/BlogSettings";
import { fakeDialog } from "../testing";
import { SettingsDialog } from "./dialog";
import { DEFAULTS, type Prefs } from "./prefs";

function backend(blog: BlogPrefs | null) {
  const calls = { prefs: [] as Prefs[], blog: [] as BlogSettings[], identity: [] as [string, string][] };
  let prefs: Prefs = { ...DEFAULTS };
  return {
    calls,
    impl: {
      prefs: () => prefs,
      setPrefs: (p: Prefs) => {
        prefs = p;
        calls.prefs.push(p);
      },
      blog: async () => blog,
      saveBlog: async (s: BlogSettings) => void calls.blog.push(s),
      saveIdentity: async (name: string, email: string) => void calls.identity.push([name, email]),
    },
  };
}

const hugo: BlogPrefs = {
  name: "My blog",
  generator: "hugo",
  settings: { slug_style: "pinyin", images: { hugo_location: "bundle", max_width: 1600, webp: false } },
  repository: true,
  identity: { name: "Ada", email: "ada@example.org" },
};

function change(el: HTMLInputElement | HTMLSelectElement, value: string | boolean): void {
  if (typeof value === "boolean") (el as HTMLInputElement).checked = value;
  else el.value = value;
  el.dispatchEvent(new Event("input"));
  el.dispatchEvent(new Event("change"));
}

const tick = () => new Promise((r) => setTimeout(r, 0));

const q = <T extends HTMLElement>(d: HTMLElement, id: string) => d.querySelector(`[data-testid=${id}]`) as T;

describe("the Settings dialog", () => {
  it("applies each app setting as it changes, clamped, and labels every control", async () => {
    const d = fakeDialog();
    const b = backend(hugo);
    await new SettingsDialog(d, b.impl).open();
    change(q(d, "setting-theme"), "dark");
    change(q(d, "setting-font-size"), "99");
    change(q(d, "setting-vim"), true);
    expect(b.calls.prefs.at(-1)).toMatchObject({ theme: "dark", editorFontSize: 32, vim: true });
    // The field shows the size in effect; a line narrower than 30 characters becomes 30.
    expect(q<HTMLInputElement>(d, "setting-font-size").value).toBe("32");
    change(q(d, "setting-line-width"), "8");
    expect(b.calls.prefs.at(-1)?.lineWidth).toBe(30);
    for (const control of d.querySelectorAll("input, select")) {
      const label = d.querySelector(`label[for="${control.id}"]`);
      expect(label?.textContent, `a label for ${control.outerHTML}`).toBeTruthy();
    }
  });

  it("two quick changes are saved one after the other, the last one last", async () => {
    const d = fakeDialog();
    const b = backend(hugo);
    const order: boolean[] = [];
    let inFlight = 0;
    let most = 0;
    b.impl.saveBlog = async (s: BlogSettings) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      order.push(s.images.webp);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
    };
    await new SettingsDialog(d, b.impl).open();
    change(q(d, "setting-webp"), true);
    await tick();
    change(q(d, "setting-webp"), false);
    await new Promise((r) => setTimeout(r, 30));
    expect(most).toBe(1);
    expect(order.at(-1)).toBe(false);
    expect(order.length).toBe(2);
  });

  it("saves the blog's settings and the commit author, and says so", async () => {
    const d = fakeDialog();
    const b = backend(hugo);
    await new SettingsDialog(d, b.impl).open();
    change(q(d, "setting-max-width"), "");
    await tick();
    expect(b.calls.blog.at(-1)?.images).toEqual({ hugo_location: "bundle", max_width: null, webp: false });
    change(q(d, "setting-slug"), "cjk");
    await tick();
    expect(b.calls.blog.at(-1)?.slug_style).toBe("cjk");
    expect(b.calls.blog.at(-1)?.images.max_width).toBeNull();
    expect(q<HTMLInputElement>(d, "setting-author-name").value).toBe("Ada");
    change(q(d, "setting-author-email"), "not an address");
    await tick();
    expect(b.calls.identity).toEqual([]);
    expect(q(d, "settings-error").textContent).toMatch(/e-mail/);
    change(q(d, "setting-author-email"), "ada@lovelace.dev");
    await tick();
    expect(b.calls.identity).toEqual([["Ada", "ada@lovelace.dev"]]);
  });

  it("without a blog shows only the app's settings; Jekyll has no image location", async () => {
    const none = fakeDialog();
    await new SettingsDialog(none, backend(null).impl).open();
    expect(q(none, "setting-theme")).toBeTruthy();
    expect(q(none, "setting-slug")).toBeNull();
    const jekyll = fakeDialog();
    await new SettingsDialog(jekyll, backend({ ...hugo, generator: "jekyll", repository: false, identity: null }).impl).open();
    expect(q(jekyll, "setting-slug")).toBeTruthy();
    expect(q(jekyll, "setting-image-location")).toBeNull();
    expect(q(jekyll, "setting-author-name")).toBeNull();
  });
});
