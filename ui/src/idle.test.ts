import { describe, expect, it, vi } from "vitest";
import { IDLE_SLICE_MS, installIdleCallback } from "./idle";

describe("idle callbacks where the webview has none", () => {
  it("runs the callback soon with a short deadline, and can cancel it", () => {
    vi.useFakeTimers();
    const w = { setTimeout: window.setTimeout.bind(window), clearTimeout: window.clearTimeout.bind(window) } as Parameters<typeof installIdleCallback>[0];
    expect(installIdleCallback(w)).toBe(true);
    const left: number[] = [];
    w.requestIdleCallback?.((d) => left.push(d.timeRemaining()));
    const cancelled = w.requestIdleCallback?.(() => left.push(-1)) ?? 0;
    w.cancelIdleCallback?.(cancelled);
    vi.advanceTimersByTime(5);
    expect(left.length).toBe(1);
    expect(left[0]).toBeGreaterThan(0);
    expect(left[0]).toBeLessThanOrEqual(IDLE_SLICE_MS);
    vi.useRealTimers();
  });

  it("leaves a webview's own alone", () => {
    const own = () => 1;
    const w = { requestIdleCallback: own, setTimeout: window.setTimeout.bind(window), clearTimeout: window.clearTimeout.bind(window) } as Parameters<typeof installIdleCallback>[0];
    expect(installIdleCallback(w)).toBe(false);
    expect(w.requestIdleCallback).toBe(own);
  });
});
