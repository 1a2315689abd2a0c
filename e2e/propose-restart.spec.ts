import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { startStubModel } from "./stub-model/server";
import { DB_FILE, importDataset, openPanel, query, setModel } from "./propose-fixtures";

// A job survives a restart of the server: a second `next start` on the same DB file starts a
// propose job, is killed mid-job, is started again, and the job finishes with exactly one
// proposal per (trace, sample). The job has one item per trace (a shared turn 1, then one turn 2
// with n=4, as the reference samples). (The Playwright server shares the DB, so its runner may take
// part of the work too: either way nothing may be done twice.)
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function startServer(port: number): ChildProcess {
  return spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${DB_FILE}`,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
      INT_USER: "e2e",
    },
    detached: true,
    stdio: "ignore",
  });
}
const killServer = (c: ChildProcess) => {
  if (c.pid)
    try {
      process.kill(-c.pid, "SIGKILL");
    } catch {
      /* gone */
    }
};
async function waitUp(url: string) {
  await expect
    .poll(
      async () =>
        fetch(url).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
}

test("restart the server mid-job: the job finishes, nothing twice", async ({ page }) => {
  test.setTimeout(180_000);
  const ds = importDataset("propose-restart", 3);
  const ids = ds.traces.map((t) => t.id);
  const inList = ids.map(() => "?").join(",");
  const stub = await startStubModel({ latencyMs: 1_500 });
  setModel(stub.url);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child = startServer(port);
  try {
    await waitUp(base);
    await page.goto(`${base}/datasets/${ds.datasetId}`);
    await openPanel(page, "Propose");
    await page
      .getByRole("button", { name: "Propose for 3 wrong-answer traces (0 correct skipped, 0 without a reference)" })
      .click();
    await expect(page.getByRole("progressbar", { name: "propose job progress" })).toBeVisible();
    const [{ jobId }] = query<{ jobId: string }>(
      "SELECT id AS jobId FROM Job WHERE datasetId = ? AND kind = 'propose'",
      ds.datasetId,
    );
    const stored = () =>
      query<{ n: number }>(`SELECT COUNT(*) AS n FROM Proposal WHERE traceId IN (${inList})`, ...ids)[0].n;
    await expect.poll(stored, { timeout: 60_000, intervals: [200] }).toBeGreaterThan(0);

    killServer(child); // mid-job: items in flight are left leased by a dead process
    const mid = query<{ status: string; done: number; total: number }>(
      "SELECT status, done, total FROM Job WHERE id = ?",
      jobId,
    )[0];
    expect(mid.total).toBe(3);
    expect(mid.done).toBeLessThan(3);
    child = startServer(port);
    await waitUp(base);
    await expect
      .poll(() => query<{ status: string }>("SELECT status FROM Job WHERE id = ?", jobId)[0].status, {
        timeout: 120_000,
        intervals: [500],
      })
      .toBe("done");

    const job = query<{ done: number; failed: number; total: number }>(
      "SELECT done, failed, total FROM Job WHERE id = ?",
      jobId,
    )[0];
    expect(job).toEqual({ done: 3, failed: 0, total: 3 });
    const perSample = query<{ traceId: string; sample: number; n: number }>(
      `SELECT traceId, sample, COUNT(*) AS n FROM Proposal WHERE traceId IN (${inList}) GROUP BY traceId, sample`,
      ...ids,
    );
    expect(perSample).toHaveLength(12);
    expect(perSample.every((r) => r.n === 1)).toBe(true);
    const ivs = query<{ traceId: string; n: number }>(
      `SELECT traceId, COUNT(*) AS n FROM Intervention WHERE traceId IN (${inList}) AND origin = 'model' GROUP BY traceId`,
      ...ids,
    );
    expect(ivs.map((r) => r.n)).toEqual([1, 1, 1]);
    const labels = query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM FirstErrorLabel WHERE traceId IN (${inList}) AND source = 'model'`,
      ...ids,
    )[0].n;
    expect(labels).toBe(3);

    await page.goto(`${base}/jobs/${jobId}`);
    await expect(page.getByText("3/3 (100%)")).toBeVisible();
    await page.screenshot({ path: "test-results/propose-restart-job.png", fullPage: true });
    // 2 requests per trace (turn 1, then turn 2 with n=4) without the restart; a turn 1 already
    // stored as pending is never asked again, so at most the in-flight turn 2s are repeated
    expect(stub.count()).toBeLessThanOrEqual(9);
    console.log(`[restart] stub chat calls ${stub.count()} for 3 traces x 4 proposals (6 without the restart)`);
  } finally {
    killServer(child);
    setModel(null);
    await stub.close();
  }
});
