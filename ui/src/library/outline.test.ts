import { describe, expect, it } from "vitest";
import { Outline, headingAt } from "./outline";

const toc = [
  { level: 2, id: "a", text: "Why", line: 8 },
  { level: 3, id: "b", text: "The ops table", line: 20 },
  { level: 2, id: "c", text: "小结", line: 41 },
];

describe("the outline", () => {
  it("knows which heading a line is under", () => {
    expect(headingAt(toc, 1)).toBe(-1);
    expect(headingAt(toc, 8)).toBe(0);
    expect(headingAt(toc, 30)).toBe(1);
    expect(headingAt(toc, 400)).toBe(2);
  });

  it("lists the headings indented, follows the cursor and jumps on click", () => {
    const jumps: number[] = [];
    const o = new Outline((line) => jumps.push(line));
    expect(o.el.hidden).toBe(true);
    o.set(toc);
    expect(o.el.hidden).toBe(false);
    const items = [...o.el.querySelectorAll("li")];
    expect(items.map((li) => li.textContent)).toEqual(["Why", "The ops table", "小结"]);
    expect(items.map((li) => li.getAttribute("style"))).toEqual(["--depth: 0", "--depth: 1", "--depth: 0"]);
    o.follow(25);
    expect(o.el.querySelector("li.current")!.textContent).toBe("The ops table");
    expect(o.el.querySelector("li.current")!.getAttribute("aria-current")).toBe("location");
    // A re-render with the same headings keeps the mark.
    o.set(toc.map((e) => ({ ...e })));
    expect(o.el.querySelector("li.current")!.textContent).toBe("The ops table");
    o.el.querySelectorAll<HTMLButtonElement>("button")[2].click();
    expect(jumps).toEqual([41]);
    // A line typed above the second heading: the same entries, moved, and a click goes to
    // where the heading is now.
    const before = [...o.el.querySelectorAll("li")];
    o.set(toc.map((e, i) => ({ ...e, line: i === 0 ? e.line : e.line + 1 })));
    const after = [...o.el.querySelectorAll("li")];
    expect(after.length === before.length && after.every((li, i) => li === before[i])).toBe(true);
    expect(before.map((li) => li.dataset.line)).toEqual(["8", "21", "42"]);
    o.el.querySelectorAll<HTMLButtonElement>("button")[2].click();
    expect(jumps).toEqual([41, 42]);
    expect(o.el.querySelector("li.current")!.textContent).toBe("The ops table");
    // A heading renamed: its entry says so.
    o.set(toc.map((e, i) => ({ ...e, text: i === 1 ? "The ops" : e.text })));
    expect([...o.el.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["Why", "The ops", "小结"]);
    o.clear();
    expect(o.el.hidden).toBe(true);
  });
});
