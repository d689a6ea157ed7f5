// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { drawDiagrams, sanitizeSvg } from "./diagrams";

function page(html: string): HTMLElement {
  const el = document.createElement("article");
  el.innerHTML = html;
  document.body.append(el);
  return el;
}

describe("diagrams", () => {
  it("draws each marked block once, from the cache the second time", async () => {
    const root = page(
      `<div class="mermaid" data-mermaid="graph TD; A-->B"><pre>code</pre></div>` +
        `<div class="mermaid" data-mermaid="graph TD; A-->B"><pre>code</pre></div>`,
    );
    let calls = 0;
    const render = async (_id: string, src: string) => {
      calls++;
      return `<svg xmlns="http://www.w3.org/2000/svg"><text>${src.length}</text></svg>`;
    };
    expect(await drawDiagrams(root, false, render)).toBe(2);
    expect(calls).toBe(1);
    expect(root.querySelectorAll("svg").length).toBe(2);
    expect(root.querySelector("pre")).toBeNull();
    // Already drawn: nothing happens.
    expect(await drawDiagrams(root, false, render)).toBe(0);
  });

  it("keeps the code with Mermaid's message when it cannot draw", async () => {
    const root = page(`<div class="mermaid" data-mermaid="graph ???"><pre>graph ???</pre></div>`);
    const render = async () => {
      throw new Error("Parse error on line 1:\nmore");
    };
    expect(await drawDiagrams(root, false, render)).toBe(0);
    expect(root.querySelector(".site-note")?.textContent).toBe("Mermaid could not draw this: Parse error on line 1:");
    expect(root.querySelector("pre")?.textContent).toBe("graph ???");
  });

  it("sanitizes the SVG: no script, handlers or links", () => {
    const dirty =
      `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script>` +
      `<a href="javascript:alert(1)"><text>x</text></a><foreignObject><img src=x onerror=alert(1)></foreignObject><g><rect width="5"/></g></svg>`;
    const clean = sanitizeSvg(dirty);
    expect(clean).not.toMatch(/script|onload|onerror|javascript|foreignObject|<a /i);
    expect(clean).toContain("<rect");
  });
});
