import { describe, expect, it } from "vitest";
import { Latency } from "./latency";

const now = (t: number) => () => t;
const sync = (cb: () => void) => cb();

describe("keystroke latency", () => {
  it("measures from the key to the frame that shows it", async () => {
    const l = new Latency();
    l.keydown(100);
    l.changed(101);
    l.requested(1);
    l.applied(1, sync, now(112));
    await new Promise((r) => setTimeout(r, 5));
    expect(l.samples).toEqual([12]);
  });

  it("carries keystrokes of a dropped request to the next, and ignores keys that changed nothing", async () => {
    const l = new Latency();
    l.keydown(100);
    l.changed(100);
    l.requested(1);
    l.keydown(150); // an arrow key: no change
    l.dropped(1);
    l.changed(400); // a paste long after any key
    l.requested(2);
    l.applied(2, sync, now(410));
    await new Promise((r) => setTimeout(r, 5));
    expect(l.samples).toEqual([310, 10]);
  });

  it("measures the echo from the key to the frame after the editor changed, for keys only", async () => {
    const l = new Latency();
    l.keydown(100);
    l.changed(103, sync, now(109));
    l.changed(500, sync, now(520)); // a paste, no key: no echo
    await new Promise((r) => setTimeout(r, 5));
    expect(l.echoes).toEqual([9]);
  });
});
