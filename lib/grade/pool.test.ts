import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GradePool } from "./pool";
import { STUCK_WORKER, stuckJob } from "@/test-support/grade/stuck-job";

let pool: GradePool;
beforeAll(async () => {
  pool = new GradePool({ size: 2, hardLimitMs: 2000, workerScript: STUCK_WORKER });
  await pool.ready();
}, 120_000);
afterAll(async () => {
  await pool.close();
});

describe("GradePool", () => {
  it("grades in worker threads and returns verdicts in input order", async () => {
    const jobs = Array.from({ length: 60 }, (_, i) => ({
      gold: String(i),
      pred: `the answer is $\\boxed{\\frac{${2 * i}}{2}}$`,
    }));
    jobs.push({ gold: "7", pred: "\\boxed{8}" }, { gold: "x=3", pred: "no answer here, just words and more words" });
    const out = await pool.gradeAll(jobs);
    expect(out.slice(0, 60).every((v, i) => v.verdict === "equal" && v.extracted === `\\frac{${2 * i}}{2}`)).toBe(true);
    expect(out[60]).toMatchObject({ verdict: "not_equal", extracted: "8" });
    expect(out[61]).toMatchObject({ verdict: "no_answer", extracted: null });
  });

  it("returns timeout for \\sum_{n=1}^{10^9} n while other comparisons keep flowing", async () => {
    const t0 = performance.now();
    const hang = pool.grade({ gold: "500000000500000000", pred: "\\sum_{n=1}^{10^9} n", predMode: "answer" });
    const quick: number[] = [];
    const others = Array.from({ length: 100 }, (_, i) =>
      pool.grade({ gold: `${i}/4`, pred: `${i / 4}`, predMode: "answer" }).then((v) => {
        quick.push(performance.now() - t0);
        return v;
      }),
    );
    const v = await hang;
    const elapsed = performance.now() - t0;
    expect(v).toMatchObject({ verdict: "timeout" });
    expect(elapsed).toBeLessThan(pool.hardLimitMs + 1500);
    expect((await Promise.all(others)).every((o) => o.verdict === "equal")).toBe(true);
    // The other worker kept grading while the hanging one was busy: (nearly) all 100 were done first.
    expect(
      quick.filter((t) => t < elapsed).length,
      `quick finished at ${quick.map(Math.round).join(",")}; hang ${Math.round(elapsed)}`,
    ).toBeGreaterThanOrEqual(90);
  });

  it("kills a worker stuck past the hard limit, replaces it, and keeps grading", async () => {
    const before = pool.stats.killed;
    const t0 = performance.now();
    const stuck = pool.grade(stuckJob({ gold: "1", pred: "1", predMode: "answer" }, 60_000));
    const others = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pool.grade({ gold: `${i}`, pred: `${i}.0`, predMode: "answer" })),
    );
    const othersDone = performance.now() - t0;
    expect(others.every((o) => o.verdict === "equal")).toBe(true);
    // Jobs sent ahead to the stuck worker were handed to the other one instead of waiting for the kill.
    expect(othersDone).toBeLessThan(pool.hardLimitMs / 2);
    const v = await stuck;
    const cost = performance.now() - t0;
    expect(v).toMatchObject({ verdict: "timeout", method: "hard-limit", extracted: "1" });
    expect(cost).toBeGreaterThanOrEqual(pool.hardLimitMs - 50);
    expect(cost).toBeLessThan(pool.hardLimitMs + 1000);
    expect(pool.stats.killed).toBe(before + 1);
    // The replacement grades too: both slots busy with real work again.
    const after = await pool.gradeAll(
      Array.from({ length: 20 }, () => ({ gold: "\\sqrt{8}", pred: "2\\sqrt{2}", predMode: "answer" as const })),
    );
    expect(after.every((o) => o.verdict === "equal")).toBe(true);
  });

  it("refuses work after close", async () => {
    const p = new GradePool({ size: 1, spare: false });
    await p.close();
    expect(await p.grade({ gold: "1", pred: "1" })).toMatchObject({ verdict: "error", reason: "pool closed" });
  });
});
