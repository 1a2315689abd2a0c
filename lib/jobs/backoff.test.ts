import { describe, expect, it } from "vitest";
import { backoffDelay, sleep } from "./backoff";

describe("backoffDelay", () => {
  const o = { baseMs: 100, maxMs: 1000 };
  it("doubles per attempt with jitter between half and all of the step", () => {
    expect(backoffDelay(1, o, undefined, () => 0)).toBe(50);
    expect(backoffDelay(1, o, undefined, () => 1)).toBe(100);
    expect(backoffDelay(3, o, undefined, () => 0)).toBe(200);
    expect(backoffDelay(3, o, undefined, () => 0.999)).toBeLessThanOrEqual(400);
  });
  it("is capped and honours a longer Retry-After up to the cap", () => {
    expect(backoffDelay(20, o, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(1, o, 700, () => 0)).toBe(700);
    expect(backoffDelay(1, o, 60_000, () => 0)).toBe(1000);
  });
  it("sleep rejects with AbortError when aborted", async () => {
    const ac = new AbortController();
    const p = sleep(10_000, ac.signal);
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
  });
});
