//! Mermaid diagrams in the preview. The core marks a ```` ```mermaid ```` block it knows the
//! site draws (`div.mermaid[data-mermaid]`, the code shown until then); the frame runs no
//! script, so the diagram is drawn here, in the app's window, by Mermaid itself (loaded only
//! when a post has one), with its strict security level and text labels, then sanitized
//! again as SVG (DOMPurify) before it goes into the frame. Drawn diagrams are kept by source:
//! typing elsewhere, or reopening the post, draws nothing again.

import DOMPurify from "dompurify";

/** Draws a diagram's source as SVG markup; throws with Mermaid's message on a syntax error. */
export type Renderer = (id: string, source: string) => Promise<string>;

let mermaidRenderer: Promise<Renderer> | null = null;

/** Mermaid, loaded on first use (its code is a separate chunk of the build). */
function loadMermaid(dark: boolean): Promise<Renderer> {
  mermaidRenderer ??= import("mermaid").then(({ default: mermaid }) => {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      // SVG text labels: no HTML inside the SVG, so the SVG profile keeps every label.
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      theme: dark ? "dark" : "default",
    });
    return async (id: string, source: string) => (await mermaid.render(id, source)).svg;
  });
  return mermaidRenderer;
}

type Drawn = { svg: string } | { error: string };

const CACHE_ENTRIES = 200;
const cache = new Map<string, Drawn>();
let counter = 0;

/** The SVG with nothing that can run or load: scripts, handlers, foreign objects, links out. */
export function sanitizeSvg(svg: string): string {
  return DOMPurify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ["foreignObject", "a", "use", "image"],
  });
}

async function drawOne(source: string, render: Renderer): Promise<Drawn> {
  const hit = cache.get(source);
  if (hit) return hit;
  let drawn: Drawn;
  try {
    drawn = { svg: sanitizeSvg(await render(`inkstone-mermaid-${++counter}`, source)) };
  } catch (e) {
    drawn = { error: e instanceof Error ? e.message : String(e) };
  }
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(source, drawn);
  return drawn;
}

/**
 * Draws every marked diagram under `root` not drawn yet. Resolves once they are in place
 * (the caller re-measures the preview then). `render` is Mermaid unless a test gives one.
 */
export async function drawDiagrams(root: ParentNode, dark: boolean, render?: Renderer): Promise<number> {
  const blocks = Array.from(root.querySelectorAll<HTMLElement>("div.mermaid[data-mermaid]:not([data-drawn])"));
  if (blocks.length === 0) return 0;
  for (const el of blocks) el.dataset.drawn = "pending";
  const renderer = render ?? (await loadMermaid(dark));
  let placed = 0;
  for (const el of blocks) {
    const drawn = await drawOne(el.dataset.mermaid ?? "", renderer);
    // Replaced by a newer version of its unit meanwhile: nothing to do.
    if (!el.isConnected) continue;
    if ("svg" in drawn) {
      el.innerHTML = drawn.svg;
      el.dataset.drawn = "yes";
      placed++;
    } else {
      // The code stays, with Mermaid's message above it.
      const note = el.ownerDocument.createElement("div");
      note.className = "site-note";
      note.setAttribute("role", "note");
      note.textContent = `Mermaid could not draw this: ${drawn.error.split("\n")[0]}`;
      el.prepend(note);
      el.dataset.drawn = "error";
    }
  }
  return placed;
}
