//! *Translate to…*: the open post's version in another language (started from it as a draft
//! when there is none yet) opens in the editor, with the open post beside it as the original.

import type { BlogSession } from "../blog/session";
import type { OpenPost, OpenPosts } from "../buffer/posts";
import type { Editor } from "../editor/editor";
import { t } from "../i18n";
import type { Changed } from "../ipc";
import type { StatusBar } from "../status/statusbar";
import type { SideBySide } from "./sidebyside";

/** What translating needs of the core. */
export interface TranslateHost {
  /** Starts the version of the post at `path` in `lang` from it, as a draft. */
  start(path: string, lang: string): Promise<Changed>;
  /** Saves `p`; false when the save failed. */
  save(p: OpenPost): Promise<boolean>;
}

/** The areas translating goes through. */
export interface TranslateAreas {
  posts: Pick<OpenPosts, "current" | "isDirty" | "open">;
  session: Pick<BlogSession, "info" | "applyChanged">;
  editor: Pick<Editor, "textOf">;
  sideBySide: Pick<SideBySide, "version" | "show">;
  status: Pick<StatusBar, "flash" | "setNotice">;
}

export class Translate {
  constructor(
    private readonly host: TranslateHost,
    private readonly areas: TranslateAreas,
  ) {}

  /** Opens the open post's version in `lang` beside it. */
  async to(lang: string): Promise<void> {
    const { posts, session, editor, sideBySide, status } = this.areas;
    const p = posts.current;
    if (!p || !session.info) return;
    let target = sideBySide.version(lang);
    if (!target) {
      // The translation starts from the file: what is typed here belongs in it.
      if (posts.isDirty(p) && !(await this.host.save(p))) return;
      try {
        const result = await this.host.start(p.path, lang);
        target = result.paths[0];
        await session.applyChanged(result);
        status.flash(t("translate.started", { path: target }));
      } catch (e) {
        status.setNotice(t("translate.failed", { error: (e as Error).message }));
        return;
      }
    }
    const body = editor.textOf(p.path) ?? "";
    const from = session.info.posts.find((x) => x.path === p.path)?.lang ?? p.post.lang ?? "";
    await posts.open(target);
    if (posts.current?.path === target) sideBySide.show(target, p.path, from, body);
  }
}
