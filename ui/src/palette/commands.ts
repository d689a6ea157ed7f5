//! Every action of the window with its shortcut: the palette's list, the F1 sheet, and the
//! window-wide keys (the editor's own keymap handles its keys first).

import { t } from "../i18n";
import { type Command, shortcutLabel } from "./palette";

/** The window's actions. */
export interface Actions {
  palette(): void;
  openPost(): void;
  shortcuts(): void;
  save(): void;
  newPost(): void;
  format(kind: "bold" | "italic" | "link"): void;
  insertImage(): void;
  find(): void;
  publish(): void;
  github(): void;
  openBlog(): void;
  settings(): void;
  language(): void;
}

/** What a Markdown file opened alone (in no blog) cannot do. */
const NEEDS_BLOG = new Set(["new-post", "insert-image", "publish"]);

/** The actions with their titles and shortcuts; without those that need a blog when `alone`. */
export function commands(a: Actions, alone: boolean, mac: boolean): Command[] {
  const keys = (k: string) => shortcutLabel(k, mac);
  return [
    { id: "palette", title: t("palette.commands"), shortcut: keys("Mod+Shift+P"), run: a.palette },
    { id: "open-post", title: t("palette.openPost"), shortcut: keys("Mod+P"), run: a.openPost },
    { id: "shortcuts", title: t("palette.shortcuts"), shortcut: "F1", run: a.shortcuts },
    { id: "save", title: t("palette.save"), shortcut: keys("Mod+S"), run: a.save },
    { id: "new-post", title: t("library.new"), shortcut: keys("Mod+N"), run: a.newPost },
    { id: "bold", title: t("palette.bold"), shortcut: keys("Mod+B"), run: () => a.format("bold") },
    { id: "italic", title: t("palette.italic"), shortcut: keys("Mod+I"), run: () => a.format("italic") },
    { id: "link", title: t("palette.link"), shortcut: keys("Mod+K"), run: () => a.format("link") },
    { id: "insert-image", title: t("palette.insertImage"), shortcut: keys("Mod+Shift+I"), run: a.insertImage },
    { id: "find", title: t("palette.find"), shortcut: keys("Mod+F"), run: a.find },
    { id: "publish", title: t("palette.publish"), run: a.publish },
    { id: "github", title: t("palette.github"), run: a.github },
    { id: "open-blog", title: t("library.open"), run: a.openBlog },
    { id: "settings", title: t("settings.open"), shortcut: keys("Mod+,"), run: a.settings },
    { id: "language", title: t("palette.language"), run: a.language },
  ].filter((c) => !(alone && NEEDS_BLOG.has(c.id)));
}

/** Runs the window-wide action of a key press, if it has one. */
export function shortcut(e: KeyboardEvent, a: Actions): void {
  // The editor's own keymap handled it (Mod-s there saves): once is enough.
  if (e.defaultPrevented) return;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const run =
    mod && key === "s"
      ? a.save
      : mod && key === "n"
        ? a.newPost
        : mod && e.shiftKey && key === "p"
          ? a.palette
          : mod && key === "p"
            ? a.openPost
            : mod && e.key === ","
              ? a.settings
              : e.key === "F1"
                ? a.shortcuts
                : null;
  if (!run) return;
  e.preventDefault();
  run();
}
