import { describe, expect, it } from "vitest";
import { LatestOnly } from "./latest";

describe("LatestOnly", () => {
  it("runs the first and only the newest of what arrives meanwhile", async () => {
    const ran: number[] = [];
    let release: () => void = () => {};
    const q = new LatestOnly<number>(async (n) => {
      ran.push(n);
      if (n === 1) await new Promise<void>((r) => (release = r));
    });
    q.push(1);
    for (let i = 2; i <= 50; i++) q.push(i);
    expect(ran).toEqual([1]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual([1, 50]);
    expect(q.busy).toBe(false);
  });

  it("keeps going after a failed job", async () => {
    const ran: number[] = [];
    const q = new LatestOnly<number>(async (n) => {
      ran.push(n);
      if (n === 1) throw new Error("boom");
    });
    q.push(1);
    await new Promise((r) => setTimeout(r, 0));
    q.push(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual([1, 2]);
  });
});
