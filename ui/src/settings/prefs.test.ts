import { describe, expect, it } from "vitest";
import { DEFAULTS, editorStyle, fontFamily, loadPrefs, sanitize, savePrefs } from "./prefs";

function memory(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: () => null,
    get length() {
      return m.size;
    },
  };
}

describe("settings", () => {
  it("survive a save and a load", () => {
    const s = memory();
    const p = { ...DEFAULTS, theme: "dark" as const, editorFontSize: 18, vim: true, lineWidth: 80 };
    savePrefs(s, p);
    expect(loadPrefs(s)).toEqual(p);
  });

  it("a damaged or hostile store gives defaults, never a crash or CSS injection", () => {
    const s = memory();
    s.setItem("inkstone.prefs", "{not json");
    expect(loadPrefs(s)).toEqual(DEFAULTS);
    const bad = sanitize({ theme: "neon", editorFontSize: 1e9, lineWidth: -5, vim: "yes", editorFont: "x; } body { display: none", extra: 1 });
    expect(bad.theme).toBe("system");
    expect(bad.editorFontSize).toBe(32);
    expect(bad.lineWidth).toBe(0);
    expect(bad.vim).toBe(false);
    expect(bad.editorFont).not.toMatch(/[;{}]/);
    expect(Object.keys(bad)).not.toContain("extra");
  });

  it("a font name is quoted and the built-in list follows", () => {
    expect(fontFamily({ ...DEFAULTS, editorFont: "Fira Code, monospace" })).toBe('"Fira Code", monospace, var(--mono)');
    expect(fontFamily({ ...DEFAULTS, editorFont: "'3270'" })).toBe('"3270", var(--mono)');
    expect(editorStyle(DEFAULTS)["--editor-font"]).toBeNull();
    expect(editorStyle({ ...DEFAULTS, lineWidth: 80 })["--line-width"]).toBe("calc(80ch + 24px)");
  });
});
