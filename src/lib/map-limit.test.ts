import { describe, expect, it } from "vitest";
import { mapLimit } from "./map-limit";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("mapLimit", () => {
  it("keeps the input order and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      for (let i = 0; i < n; i++) await tick();
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it("rejects with the first failure only after the work in flight has settled, and starts nothing new", async () => {
    const started: number[] = [];
    let inFlight = 0;
    const run = mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      inFlight++;
      await tick();
      inFlight--;
      if (n === 2) throw new Error("two failed");
      await tick();
      return n;
    });
    await expect(run).rejects.toThrow("two failed");
    expect(inFlight).toBe(0);
    expect(started.length).toBeLessThan(6);
  });
});
