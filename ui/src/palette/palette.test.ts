import { beforeAll, describe, expect, it } from "vitest";
import { fakeDialog } from "../testing";
import { setLocale } from "../i18n";
import { type Command, Palette, filter, shortcutLabel } from "./palette";

const ran: string[] = [];
const cmd = (id: string, title: string, more: Partial<Command> = {}): Command => ({ id, title, run: () => ran.push(id), ...more });
const list = [
  cmd("save", "Save", { shortcut: "Ctrl+S" }),
  cmd("new-post", "New post", { shortcut: "Ctrl+N" }),
  cmd("publish", "Publish…"),
  cmd("tcp", "Linux 内核里的 TCP 拥塞控制", { keywords: "tcp 内核 content/posts/linux-tcp.md" }),
];

const dialog = fakeDialog;

const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));

beforeAll(() => setLocale("en"));

describe("the command palette", () => {
  it("finds by every word, titles starting with it first, Chinese inside titles too", () => {
    expect(filter(list, "").map((c) => c.id)).toEqual(["save", "new-post", "publish", "tcp"]);
    expect(filter(list, "p").map((c) => c.id)).toEqual(["publish", "new-post", "tcp"]);
    expect(filter(list, "post new").map((c) => c.id)).toEqual(["new-post"]);
    expect(filter(list, "拥塞").map((c) => c.id)).toEqual(["tcp"]);
    expect(filter(list, "linux-tcp.md").map((c) => c.id)).toEqual(["tcp"]);
    expect(filter(list, "nothing here")).toEqual([]);
  });

  it("shows shortcuts the platform's way", () => {
    expect(shortcutLabel("Mod+Shift+P", false)).toBe("Ctrl+Shift+P");
    expect(shortcutLabel("Mod+Shift+P", true)).toBe("⌘⇧P");
  });

  it("runs the chosen command from the keyboard and closes", () => {
    const d = dialog();
    const p = new Palette(d);
    p.open(list, "Type a command");
    const input = d.querySelector("input")!;
    expect(input.getAttribute("aria-label")).toBe("Type a command");
    input.value = "p";
    input.dispatchEvent(new Event("input"));
    key(input, "ArrowDown");
    expect(d.querySelector("li.chosen")!.getAttribute("data-id")).toBe("new-post");
    expect(input.getAttribute("aria-activedescendant")).toBe("palette-1");
    key(input, "ArrowUp");
    key(input, "ArrowUp");
    expect(d.querySelector("li.chosen")!.getAttribute("data-id")).toBe("tcp");
    ran.length = 0;
    key(input, "Enter");
    expect(ran).toEqual(["tcp"]);
    expect(d.open).toBe(false);
  });

  it("the shortcut sheet lists what has a shortcut", () => {
    const d = dialog();
    new Palette(d).sheet(list);
    const rows = [...d.querySelectorAll("[data-testid=shortcut-sheet] tr")].map((r) => r.textContent);
    expect(rows).toEqual(["SaveCtrl+S", "New postCtrl+N"]);
  });
});
