import { describe, expect, it } from "vitest";
import { en, zhCN } from "./messages";
import { initLocale, pickLocale, setLocale, t } from "./index";

describe("i18n", () => {
  it("follows the system language", () => {
    expect(pickLocale(["zh-TW", "en"])).toBe("zh-CN");
    expect(pickLocale(["en-GB"])).toBe("en");
    expect(pickLocale(["fr"])).toBe("en");
  });

  it("prefers a saved choice", () => {
    expect(initLocale({ getItem: () => "zh-CN" }, ["en-US"])).toBe("zh-CN");
    expect(initLocale({ getItem: () => "garbage" }, ["en-US"])).toBe("en");
  });

  it("fills placeholders in both languages", () => {
    setLocale("en");
    expect(t("status.words", { words: 1200 })).toBe("1200 words");
    setLocale("zh-CN");
    expect(t("status.words", { words: 1200 })).toBe("1200 字");
  });

  it("says one in the singular where the language has one", () => {
    setLocale("en");
    expect(t("library.postCount", { count: 1 })).toBe("1 post");
    expect(t("library.postCount", { count: 0 })).toBe("0 posts");
    expect(t("library.postCount", { count: 2 })).toBe("2 posts");
    setLocale("zh-CN");
    expect(t("library.postCount", { count: 1 })).toBe("1 篇文章");
  });

  it("has every key translated", () => {
    for (const key of Object.keys(en)) {
      expect(zhCN[key as keyof typeof en], key).toBeTruthy();
    }
  });
});
