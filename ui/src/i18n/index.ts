//! Translation: follows the system language, switchable, remembered.

import { en, zhCN, type MessageKey } from "./messages";

export type Locale = "en" | "zh-CN";
const tables: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };
const STORAGE_KEY = "inkstone.locale";

let current: Locale = "en";
const listeners = new Set<() => void>();

/** The locale for a list of preferred languages (navigator.languages). */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const lang of preferred) {
    const l = lang.toLowerCase();
    if (l.startsWith("zh")) return "zh-CN";
    if (l.startsWith("en")) return "en";
  }
  return "en";
}

export function initLocale(storage: Pick<Storage, "getItem"> | null, languages: readonly string[]): Locale {
  const saved = storage?.getItem(STORAGE_KEY);
  current = saved === "en" || saved === "zh-CN" ? saved : pickLocale(languages);
  return current;
}

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale, storage: Pick<Storage, "setItem"> | null = null): void {
  current = next;
  storage?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  listeners.forEach((l) => l());
}

export function onLocaleChange(listener: () => void): void {
  listeners.add(listener);
}

/** The message for `key` in the current locale, with `{name}` placeholders filled; a
 * `{count}` of one takes the key's `.one` form where the language has one ("1 post"). */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const one = vars.count === 1 ? tables[current][`${key}.one` as MessageKey] : undefined;
  const template = one ?? tables[current][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
