import { describe, expect, it } from "vitest";
import { setLocale } from "../i18n";
import { progressFraction, progressLabel } from "./panel";

describe("publish progress", () => {
  it("fills the bar in order: fetch, commit, rebase, push, done", () => {
    const steps = [
      progressFraction({ stage: "fetching", objects: 5, total: 10, bytes: 100 }),
      progressFraction({ stage: "committing" }),
      progressFraction({ stage: "rebasing", commits: 2 }),
      progressFraction({ stage: "pushing", objects: 0, total: 8, bytes: 0 }),
      progressFraction({ stage: "pushing", objects: 8, total: 8, bytes: 4096 }),
      progressFraction({ stage: "done" }),
    ];
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(steps[0]).toBeCloseTo(0.15);
    expect(steps.at(-1)).toBe(1);
    // An unknown total never divides by zero.
    expect(progressFraction({ stage: "pushing", objects: 3, total: 0, bytes: 0 })).toBeCloseTo(0.45);
  });

  it("says what is happening in the user's language", () => {
    setLocale("en");
    expect(progressLabel({ stage: "pushing", objects: 3, total: 12, bytes: 5000 })).toBe("Pushing 3/12 objects (5 KiB)");
    setLocale("zh-CN");
    expect(progressLabel({ stage: "rebasing", commits: 2 })).toBe("正在把你的提交接在 2 个远端新提交之后");
    setLocale("en");
  });
});
