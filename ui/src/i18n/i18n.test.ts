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

  it("has every key translated", () => {
    for (const key of Object.keys(en)) {
      expect(zhCN[key as keyof typeof en], key).toBeTruthy();
    }
  });
});
