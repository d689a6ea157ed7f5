// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { Block } from "../ipc/bindings/Block";
import { Units } from "./units";
import { patchOf as update } from "../testing";

const block = (key: number, line: number, html: string, origin = 0): Block => ({ key, line, origin, html });

function setup() {
  const article = document.createElement("article");
  const units = new Units(article);
  units.apply(
    update(0, 1, {
      insert: [
        block(1, 5, '<h2 data-line="0">One</h2>\n'),
        block(2, 7, '<p data-line="0">para <a href="https://x.test">x</a></p>\n'),
        block(3, 9, '<p data-line="9">raw <b>html</b></p>\n', 9),
        block(4, 11, '<pre data-line="0"><code>go</code></pre>\n'),
      ],
    }),
  );
  return { article, units };
}

describe("preview units", () => {
  it("shows every unit with its source lines and links that open outside", () => {
    const { article, units } = setup();
    expect(units.keys()).toEqual([1, 2, 3, 4]);
    expect(article.textContent).toContain("raw html");
    expect(units.lines().map((l) => l.line)).toEqual([5, 7, 9, 11]);
    expect(article.querySelector("a")?.getAttribute("target")).toBe("_blank");
  });

  it("replaces only the edited unit and moves the lines after it", () => {
    const { article, units } = setup();
    const kept = article.querySelector("pre");
    const heading = article.querySelector("h2");
    expect(
      units.apply(update(1, 2, { from: 1, remove: 1, insert: [block(5, 7, '<p data-line="0">para\nedited</p>\n')], line_delta: 1 })),
    ).toBe(true);
    expect(units.keys()).toEqual([1, 5, 3, 4]);
    // The untouched units are the very same nodes: images stay loaded, selection stays.
    expect(article.querySelector("pre")).toBe(kept);
    expect(article.querySelector("h2")).toBe(heading);
    expect(article.textContent).toContain("edited");
    expect(units.lines().map((l) => l.line)).toEqual([5, 7, 10, 12]);
  });

  it("re-renders a moved raw unit in place", () => {
    const { units } = setup();
    units.apply(update(1, 2, { replace: [{ index: 2, block: block(6, 10, '<p data-line="10">raw</p>', 10) }] }));
    expect(units.keys()).toEqual([1, 2, 6, 4]);
    expect(units.lines().map((l) => l.line)).toEqual([5, 7, 10, 11]);
  });

  it("refuses a patch made for another version, and starts over from a full one", () => {
    const { article, units } = setup();
    expect(units.apply(update(7, 8, { from: 0, remove: 4 }))).toBe(false);
    expect(units.keys()).toEqual([1, 2, 3, 4]);
    expect(units.version).toBe(1);
    units.reset();
    expect(units.version).toBe(0);
    expect(units.apply(update(0, 9, { insert: [block(10, 1, "<p>fresh</p>")] }))).toBe(true);
    expect(article.textContent).toBe("fresh");
    expect(units.version).toBe(9);
  });

  it("opens a long post with its first units at once and adds the rest a chunk per task", () => {
    const article = document.createElement("article");
    const tasks: (() => void)[] = [];
    const units = new Units(article, (t) => tasks.push(t));
    const many = Array.from({ length: 1200 }, (_, i) => block(i + 1, i * 2 + 1, `<p data-line="0">p${i}</p>`));
    units.apply(update(0, 1, { insert: many }));
    expect(article.children.length).toBe(200);
    expect(units.shown()).toBe(200);
    tasks.shift()?.();
    expect(article.children.length).toBe(700);
    // A patch arriving meanwhile first adds what is still waiting, then applies.
    units.apply(update(1, 2, { from: 1100, remove: 1, insert: [block(5000, 2201, '<p data-line="0">edited</p>')] }));
    expect(article.children.length).toBe(1200);
    expect(article.children[1100].textContent).toBe("edited");
    expect(article.children[1199].textContent).toBe("p1199");
    tasks.forEach((t) => t());
    expect(article.children.length).toBe(1200);
    expect(units.lines().length).toBe(1200);
  });

  it("finds the unit of a line, and the unit at an offset, with few measurements", () => {
    const article = document.createElement("article");
    const units = new Units(article, () => undefined);
    const many = Array.from({ length: 1200 }, (_, i) =>
      block(i + 1, i * 2 + 1, i % 100 === 7 ? "<!-- a comment -->" : `<p data-line="0">p${i}</p>`),
    );
    units.apply(update(0, 1, { insert: many }));
    expect(units.indexOfLine(0)).toBe(0);
    expect(units.indexOfLine(1)).toBe(0);
    expect(units.indexOfLine(2)).toBe(0);
    expect(units.indexOfLine(3)).toBe(1);
    expect(units.indexOfLine(1000)).toBe(499);
    expect(units.indexOfLine(99999)).toBe(1199);
    // Each paragraph's top is 10 × its unit's index here; a comment unit has no element.
    let calls = 0;
    // Unit 900's paragraph is hidden (no box): it takes the next unit's top.
    const topOf = (el: Element) => {
      calls++;
      const i = Number(el.textContent?.slice(1));
      return i === 900 ? null : 10 * i;
    };
    expect(units.indexAtTop(5005, topOf)).toBe(500);
    expect(calls).toBeLessThan(30);
    // Before the comment unit 707, at it and after it: the comment takes the next one's top.
    expect(units.indexAtTop(7065, topOf)).toBe(706);
    expect(units.indexAtTop(7080, topOf)).toBe(708);
    expect(units.indexAtTop(8995, topOf)).toBe(899);
    expect(units.indexAtTop(9005, topOf)).toBe(899);
    expect(units.indexAtTop(9010, topOf)).toBe(901);
    expect(units.indexAtTop(-1, topOf)).toBe(0);
    expect(units.indexAtTop(1e9, topOf)).toBe(1199);
    // Measuring needs the units in the DOM: the waiting ones are added first.
    expect(units.shown()).toBe(1200);
    expect(units.linesOf(10, 13).map((l) => l.line)).toEqual([21, 23, 25]);
  });
});
