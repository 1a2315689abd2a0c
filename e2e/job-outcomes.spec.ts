import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { CANNED } from "./stub-model/replies";
import { startStubModel, type StubModel } from "./stub-model/server";
import { DB_FILE, importDataset, openPanel, query, setModel, type Imported } from "./propose-fixtures";

// Jobs you can read (issue 14 §3): a propose job against the stub model ends every way an item
// can; its page shows the outcomes in words with links, filters them and downloads them as CSV.
// Cancel: the page follows a cancelled job until its last in-flight calls finish, live.
test.afterAll(() => setModel(null));
test.use({ viewport: { width: 1440, height: 1000 } });

// ROW(i) (propose-fixtures) asks "Compute $i+3\cdot 4$." (answer i + 12); its attempt's step 2 is
// "Adding first, $i+3 = (i+3)$.", which only the verifier prompt (turn 2) quotes.
const problem = (i: number) => `Compute $${i}+3\\cdot 4$`;
const attemptStep = (i: number) => `Adding first, $${i}+3 = ${i + 3}$`;

async function runPropose(page: import("@playwright/test").Page, ds: Imported): Promise<string> {
  await page.goto(`/datasets/${ds.datasetId}`);
  await openPanel(page, "Propose");
  await page.getByRole("button", { name: new RegExp(`^Propose for ${ds.traces.length} wrong-answer traces`) }).click();
  await expect(page.getByRole("progressbar", { name: "propose job progress" })).toBeVisible();
  return query<{ id: string }>("SELECT id FROM Job WHERE datasetId = ? AND kind = 'propose'", ds.datasetId)[0].id;
}

const dbCounts = (jobId: string) => {
  const c = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of query<{ status: keyof typeof c; n: number }>(
    "SELECT status, COUNT(*) AS n FROM JobItem WHERE jobId = ? GROUP BY status",
    jobId,
  ))
    c[r.status] = r.n;
  return c;
};

test("a propose job's outcomes: words, links, failed / held back filters, CSV", async ({ page }) => {
  test.setTimeout(120_000);
  const ds = importDataset("outcomes-e2e", 4); // problems 2..5, answers 14..17
  const stub: StubModel = await startStubModel({
    rules: [
      { match: attemptStep(3), reply: { kind: "text", text: CANNED.answerLeak("15") } },
      { match: attemptStep(4), reply: { kind: "text", text: CANNED.noTag } },
      {
        match: problem(5),
        reply: { kind: "status", status: 400, body: { error: { message: "stub refuses this prompt" } } },
      },
    ],
    fallback: { kind: "auto", location: 2 },
  });
  try {
    setModel(stub.url);
    const jobId = await runPropose(page, ds);
    await page.goto("/jobs");
    await page.getByRole("row").filter({ hasText: jobId }).getByRole("link", { name: "propose" }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
    await expect(page.getByRole("region", { name: "Job propose" }).getByText("done", { exact: true })).toBeVisible({
      timeout: 60_000,
    });

    const outcomes = page.getByRole("region", { name: "Outcomes" });
    const totals = outcomes.getByRole("list", { name: "Totals by outcome" });
    // one item per trace (one turn 1, one turn 2 with n = K = 4); every trace ends one way
    await expect(totals).toHaveText(/parsed\s*1\s*held back\s*1\s*parse failure\s*1\s*failed\s*1/);
    await expect(outcomes.getByText("proposalId")).toHaveCount(0); // no raw JSON result rows any more
    const parsed = outcomes
      .getByTestId("outcome-row")
      .filter({ has: page.getByText("parsed", { exact: true }) })
      .first();
    await expect(parsed.getByText("step 2")).toBeVisible();
    const traceLink = parsed.getByRole("link", { name: /^trace / });
    await expect(traceLink).toHaveAttribute("href", new RegExp(`^/datasets/${ds.datasetId}/traces/`));
    await expect(parsed.getByRole("link", { name: /^intervention / })).toHaveAttribute("href", /^\/interventions\//);
    await page.screenshot({ path: "test-results/job-outcomes.png", fullPage: true });

    await outcomes.getByRole("link", { name: "Failed (1)" }).click();
    await expect(page).toHaveURL(/filter=failed/);
    await expect(outcomes.getByTestId("outcome-row")).toHaveCount(1);
    await expect(outcomes.locator('[data-outcome="failed"]')).toHaveCount(1);
    await expect(outcomes.getByText(/stub refuses this prompt/).first()).toBeVisible();

    await outcomes.getByRole("link", { name: "Held back (1)" }).click();
    await expect(outcomes.locator('[data-outcome="held back"]')).toHaveCount(1);
    await page.screenshot({ path: "test-results/job-outcomes-held-back.png", fullPage: true });

    await outcomes.getByRole("link", { name: /^All/ }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
    await expect(outcomes.getByRole("link", { name: /^All/ })).toHaveAttribute("aria-current", "page");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      outcomes.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`propose-${jobId}-outcomes.csv`);
    const csv = readFileSync(await download.path(), "utf8")
      .trim()
      .split("\n");
    expect(csv[0]).toBe(
      "key,status,outcome,trace_id,intervention_id,proposal_id,problem_id,condition,location,samples,correct,verdicts,reason,error,attempts",
    );
    expect(csv).toHaveLength(5);
    const outcomeCol = csv.slice(1).map((l) => l.split(",")[2]);
    expect(outcomeCol.sort()).toEqual(["failed", "held back", "parse failure", "parsed"]);
  } finally {
    await stub.close();
  }
});

/** A running propose job whose last items are in flight in another process (a CLI run: this test). */
function seedRunningJob(): { jobId: string; running: string[] } {
  const db = new Database(DB_FILE);
  const id = `e2e-cancel-${randomUUID().slice(0, 8)}`;
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO "Job" (id, kind, status, params, total, done, failed, createdBy, createdAt, updatedAt) VALUES (?, 'propose', 'running', '{"k":1}', 5, 2, 0, 'e2e', ?, ?)`,
  ).run(id, now, now);
  const item = db.prepare(
    `INSERT INTO "JobItem" (id, jobId, key, status, attempts, payload, result, updatedAt) VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const lease = JSON.stringify({ lease: `${process.pid}-e2e` }); // a live process holds them: no runner takes them over
  const running: string[] = [];
  for (let i = 0; i < 5; i++) {
    const key = `gone-trace-${i}:0`;
    const done = i < 2;
    item.run(
      `${id}-${i}`,
      id,
      key,
      done ? "done" : "running",
      JSON.stringify({ traceId: `gone-trace-${i}`, sample: 0 }),
      done ? JSON.stringify({ parseOk: true, location: 2 }) : lease,
      now,
    );
    if (!done) running.push(`${id}-${i}`);
  }
  db.close();
  return { jobId: id, running };
}

function finishItem(itemId: string, how: "held back" | "failed") {
  const db = new Database(DB_FILE);
  const now = new Date().toISOString();
  if (how === "failed")
    db.prepare(
      `UPDATE "JobItem" SET status = 'failed', result = NULL, error = 'model server answered HTTP 500', updatedAt = ? WHERE id = ?`,
    ).run(now, itemId);
  else
    db.prepare(`UPDATE "JobItem" SET status = 'done', result = ?, updatedAt = ? WHERE id = ?`).run(
      JSON.stringify({ parseOk: false, reason: 'answer_leak: the content contains the ground-truth answer "7"' }),
      now,
      itemId,
    );
  db.close();
}

test("cancel: 'cancelling: N calls finishing' follows the in-flight calls live, then 'cancelled' with the final counts", async ({
  page,
}) => {
  const { jobId, running } = seedRunningJob();
  await page.goto(`/jobs/${jobId}`);
  const counts = page.getByTestId("job-counts");
  await expect(counts).toHaveText("3 running · 0 pending");
  await expect(page.getByText("2/5 (40%)")).toBeVisible();
  const progress = page.getByRole("region", { name: "Job propose" });
  const cancelling = progress.getByText("cancelling", { exact: true });
  // a click on the server-rendered button before hydration does nothing (CI saw it): click until it takes
  await expect(async () => {
    if (!(await cancelling.isVisible())) await page.getByRole("button", { name: "Cancel" }).click({ timeout: 2_000 });
    await expect(cancelling).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(counts).toHaveText("cancelling: 3 calls finishing");
  await page.screenshot({ path: "test-results/job-cancelling.png", fullPage: true });

  finishItem(running[0], "held back"); // the in-flight calls end after the cancel; no reload from here on
  await expect(counts).toHaveText("cancelling: 2 calls finishing");
  await expect(page.getByText("3/5 (60%)")).toBeVisible();
  finishItem(running[1], "held back");
  finishItem(running[2], "failed");
  await expect(progress.getByText("cancelled", { exact: true })).toBeVisible();
  const db = dbCounts(jobId);
  expect(db).toEqual({ pending: 0, running: 0, done: 4, failed: 1 });
  await expect(counts).toHaveText(`${db.pending} pending`);
  await expect(page.getByText(`${db.done + db.failed}/5 (100%)`)).toBeVisible();
  const outcomes = page.getByRole("region", { name: "Outcomes" });
  await expect(outcomes.getByRole("list", { name: "Totals by outcome" })).toHaveText(
    /parsed\s*2\s*held back\s*2\s*failed\s*1/,
  );
  await expect(outcomes.getByRole("link", { name: "Held back (2)" })).toBeVisible();
  await page.screenshot({ path: "test-results/job-cancelled.png", fullPage: true });
});

test("cancel a job whose stub calls are slow: the page settles on the counts the database holds", async ({ page }) => {
  test.setTimeout(90_000);
  const ds = importDataset("cancel-e2e", 6);
  const stub = await startStubModel({ latencyMs: 2_500, fallback: { kind: "auto", location: 2 } });
  try {
    setModel(stub.url);
    const jobId = await runPropose(page, ds);
    await page.goto(`/jobs/${jobId}`);
    const counts = page.getByTestId("job-counts");
    await expect(counts).toContainText("running", { timeout: 20_000 });
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("region", { name: "Job propose" }).getByText("cancelled", { exact: true })).toBeVisible(
      { timeout: 20_000 },
    );
    await expect.poll(() => dbCounts(jobId).running, { timeout: 20_000 }).toBe(0);
    const db = dbCounts(jobId);
    // no reload: the page followed the job until nothing ran any more
    await expect(counts).toHaveText(`${db.pending} pending`);
    await expect(page.getByText(`${db.done + db.failed}/${ds.traces.length} (`)).toBeVisible(); // one item per trace (shared turn 1)
  } finally {
    await stub.close();
  }
});
