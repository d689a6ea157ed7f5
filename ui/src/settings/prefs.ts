//! The app's own settings (how the window looks and the editor behaves): kept in the page's
//! storage, which lives in the app's data folder, never in a blog. A blog's own settings
//! (slug style, images) are in its `.inkstone.toml`, and the commit author in its git config.

export type Theme = "system" | "light" | "dark";

export interface Prefs {
  theme: Theme;
  /** The editor's font: a CSS font family list; empty for the built-in monospace list. */
  editorFont: string;
  /** The editor's font size in CSS pixels. */
  editorFontSize: number;
  /** The longest line the editor shows before wrapping, in characters; 0 for the default (860 px). */
  lineWidth: number;
  lineNumbers: boolean;
  /** Vim key bindings (normal, insert and visual modes, `:w`). */
  vim: boolean;
  /** Spell checking of English prose (not CJK text, code, front matter, URLs or shortcodes). */
  spellcheck: boolean;
  /** The preview's body text size in CSS pixels. */
  previewFontSize: number;
}

export const DEFAULTS: Readonly<Prefs> = Object.freeze({
  theme: "system",
  editorFont: "",
  editorFontSize: 14.5,
  lineWidth: 0,
  lineNumbers: false,
  vim: false,
  spellcheck: false,
  previewFontSize: 16,
});

/** The limits a stored or typed number is clamped to. */
export const LIMITS = {
  editorFontSize: [9, 32],
  lineWidth: [0, 200],
  previewFontSize: [10, 32],
} as const;

const KEY = "inkstone.prefs";

function clamp(n: unknown, [lo, hi]: readonly [number, number], fallback: number): number {
  const v = typeof n === "number" ? n : typeof n === "string" && n.trim() !== "" ? Number(n) : NaN;
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}

/** Settings from anything (stored JSON, a form): unknown keys dropped, bad values defaulted. */
export function sanitize(raw: unknown): Prefs {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const bool = (k: keyof Prefs) => (typeof r[k] === "boolean" ? (r[k] as boolean) : (DEFAULTS[k] as boolean));
  const font = typeof r.editorFont === "string" ? r.editorFont.replace(/[;{}<>]/g, "").trim().slice(0, 200) : "";
  return {
    theme: r.theme === "light" || r.theme === "dark" ? r.theme : "system",
    editorFont: font,
    editorFontSize: clamp(r.editorFontSize, LIMITS.editorFontSize, DEFAULTS.editorFontSize),
    // Narrower than 30 characters is no line to write in: 1–29 become 30 (0 is the default).
    lineWidth: ((w) => (w > 0 && w < 30 ? 30 : w))(Math.round(clamp(r.lineWidth, LIMITS.lineWidth, DEFAULTS.lineWidth))),
    lineNumbers: bool("lineNumbers"),
    vim: bool("vim"),
    spellcheck: bool("spellcheck"),
    previewFontSize: clamp(r.previewFontSize, LIMITS.previewFontSize, DEFAULTS.previewFontSize),
  };
}

export function loadPrefs(storage: Pick<Storage, "getItem"> | null): Prefs {
  try {
    return sanitize(JSON.parse(storage?.getItem(KEY) ?? "{}"));
  } catch {
    return { ...DEFAULTS };
  }
}

export function savePrefs(storage: Pick<Storage, "setItem"> | null, prefs: Prefs): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // A full storage keeps the settings for this run only.
  }
}

/** The CSS a font setting becomes: the user's family first, then the built-in list. */
export function fontFamily(prefs: Prefs): string {
  const generic = new Set(["monospace", "serif", "sans-serif", "system-ui", "ui-monospace", "cursive", "fantasy"]);
  const names = prefs.editorFont
    .split(",")
    .map((n) => n.trim().replace(/^["']|["']$/g, "").replace(/["'\\]/g, ""))
    .filter((n) => n !== "")
    .map((n) => (generic.has(n.toLowerCase()) ? n.toLowerCase() : `"${n}"`));
  return [...names, "var(--mono)"].join(", ");
}

/** The CSS custom properties the editor's look comes from (`null` removes one). */
export function editorStyle(prefs: Prefs): Record<string, string | null> {
  return {
    "--editor-font": prefs.editorFont ? fontFamily(prefs) : null,
    "--editor-size": `${prefs.editorFontSize}px`,
    // The content's side padding (12 px each) is not part of the line.
    "--line-width": prefs.lineWidth > 0 ? `calc(${prefs.lineWidth}ch + 24px)` : null,
  };
}
