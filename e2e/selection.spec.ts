import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { startStubModel, type StubModel } from "./stub-model/server";
import { DB_FILE, importDataset, openPanel, query, setModel } from "./propose-fixtures";

// The trace list's selection and the dataset's model-job buttons, against the stub model server
// (a test tool): select two traces (click, keyboard) -> "Find first error + propose for 2
// selected" -> proposals only for those two; "Run rollouts" and "Sample attempts" from the
// dataset page (disabled with the start-a-model hint when none is configured); an edit makes
// the intervention's rollouts stale until they are re-run.
test.use({ viewport: { width: 1440, height: 1000 } });

let stub: StubModel;
test.beforeAll(async () => {
  stub = await startStubModel({
    respond: (q) => {
      if (!q.body.continue_final_message) return undefined; // proposals and fresh attempts: the stub's default replies
      const i = Number(/Compute \$(\d+)\+3/.exec(q.messages[0]?.content ?? "")?.[1] ?? 0);
      const start = q.messages[q.messages.length - 1]?.content ?? "";
      return { kind: "text", text: `\n\nSo the answer is $\\boxed{${start.includes("GOOD") ? i + 12 : 0}}$.` };
    },
  });
});
test.afterAll(async () => {
  setModel(null);
  await stub.close();
});

const rowIds = async (page: Page) =>
  page.locator("tr[data-trace-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-trace-id")!));

test("select two traces across pages -> propose for the selection -> proposals only for those two", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const ds = importDataset("selection-e2e", 52); // two cursor pages (50 + 2)
  setModel(stub.url);
  await page.goto(`/datasets/${ds.datasetId}`);
  const bar = page.getByRole("region", { name: "Selection" });
  const count = bar.getByTestId("selection-count");
  const box = (n: number) => page.getByLabel(`Select trace ${n}`, { exact: true });
  await expect(count).toHaveText("No traces selected");
  const page1 = await rowIds(page);
  expect(page1).toHaveLength(50);

  // shift-click a range, clear; select all on the page and back
  await box(1).click();
  await box(3).click({ modifiers: ["Shift"] });
  await expect(count).toHaveText("3 selected");
  await expect(page.locator("tr[data-selected=true]")).toHaveCount(3);
  await bar.getByRole("button", { name: "Clear selection" }).click();
  await expect(count).toHaveText("No traces selected");
  await page.getByLabel("Select all on this page").check();
  await expect(count).toHaveText("50 selected");
  await page.getByLabel("Select all on this page").uncheck();
  await expect(count).toHaveText("No traces selected");

  // trace 2 by click; the keyboard: j j moves to trace 4, x toggles it on and off again
  await box(2).click();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(page.locator(`tr[data-trace-id="${page1[3]}"]`)).toBeFocused();
  await page.keyboard.press("x");
  await expect(count).toHaveText("2 selected");
  await page.keyboard.press("x");
  await expect(count).toHaveText("1 selected");

  // the next cursor page: the selection is still there; pick trace 51
  await page.getByRole("link", { name: "next →" }).first().click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(count).toHaveText("1 selected (0 on this page)");
  const page2 = await rowIds(page);
  expect(page2).toHaveLength(2);
  await box(51).check();
  await expect(count).toHaveText("2 selected (1 on this page)");
  const picked = [page1[1], page2[0]];

  // back, a reload and a filter change keep it (sessionStorage of this tab)
  await page.getByRole("link", { name: "← prev" }).first().click();
  await expect(box(2)).toBeChecked();
  await expect(box(4)).not.toBeChecked();
  await page.reload();
  await expect(count).toHaveText("2 selected (1 on this page)");
  await page.goto(`/datasets/${ds.datasetId}?q=${encodeURIComponent("Compute $2+3")}`);
  await expect(count).toContainText("2 selected");

  await bar.getByRole("button", { name: "Find first error + propose for 2 selected" }).click();
  await expect(bar.getByRole("progressbar", { name: "propose job progress" })).toBeVisible();
  await expect(bar.getByText("done", { exact: true })).toBeVisible({ timeout: 90_000 });
  await page.screenshot({ path: "test-results/selection-proposed.png", fullPage: true });

  const all = [...page1, ...page2];
  const proposed = query<{ traceId: string }>(
    `SELECT DISTINCT traceId FROM Proposal WHERE traceId IN (${all.map(() => "?").join(",")}) ORDER BY traceId`,
    ...all,
  );
  expect(proposed.map((r) => r.traceId)).toEqual([...picked].sort());
  const job = query<{ params: string; total: number }>(
    `SELECT params, total FROM Job WHERE kind = 'propose' AND datasetId = ? ORDER BY createdAt DESC LIMIT 1`,
    ds.datasetId,
  )[0];
  const params = JSON.parse(job.params) as { traceIds: string[]; k: number; turn1: string };
  expect(params.traceIds.sort()).toEqual([...picked].sort());
  expect(params.turn1).toBe("shared");
  expect(job.total).toBe(2); // one item per trace: one turn 1, then one turn 2 with n=K
  const perTrace = query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM Proposal WHERE traceId IN (${picked.map(() => "?").join(",")}) GROUP BY traceId`,
    ...picked,
  );
  expect(perTrace.map((r) => r.n)).toEqual([params.k, params.k]);
  // the list shows the new model interventions on exactly the selected rows of page 1
  await page.goto(`/datasets/${ds.datasetId}`);
  await expect(page.locator("tr[data-trace-id]").filter({ hasText: "proposed" })).toHaveCount(1);
  await expect(page.locator(`tr[data-trace-id="${page1[1]}"]`)).toContainText("proposed");
});

const hash = (s: string) => createHash("sha256").update(s).digest("hex");
function addIntervention(traceId: string, content: string): string {
  const db = new Database(DB_FILE);
  const id = `sel-iv-${hash(content + traceId).slice(0, 12)}`;
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO "Intervention" (id, traceId, location, content, status, origin, author, provenance, contentHash, rolloutsCorrect, rolloutsTotal, version, createdAt, updatedAt) VALUES (?, ?, 2, ?, 'accepted', 'human', 'e2e', '{}', ?, 0, 0, 0, ?, ?)`,
  ).run(id, traceId, content, hash(`iv${content}${traceId}`), now, now);
  db.prepare(`UPDATE "Trace" SET hasIntervention = 1, status = 'curated' WHERE id = ?`).run(traceId);
  db.close();
  return id;
}

test("rollouts and sampling from the dataset page; an edit makes the rollouts stale", async ({ page }) => {
  test.setTimeout(180_000);
  const ds = importDataset("jobs-bar-e2e", 3);
  const trace = ds.traces[0];
  const iv = addIntervention(trace.id, "GOOD: multiply first, $3\\cdot 4 = 12$.");

  setModel(null);
  await page.goto(`/datasets/${ds.datasetId}`);
  await openPanel(page, "Rollouts & sampling");
  const bar = page.getByRole("region", { name: "Rollouts and sampling" });
  await expect(bar.getByRole("button", { name: "Run rollouts for the dataset" })).toBeDisabled();
  await expect(bar.getByRole("button", { name: "Sample attempts" })).toBeDisabled();
  await expect(bar.getByTestId("model-status")).toContainText("vllm serve");
  await page.screenshot({ path: "test-results/selection-no-model.png", fullPage: true });

  setModel(stub.url);
  await page.reload();
  await bar.getByLabel("K rollouts per intervention").fill("4");
  await bar.getByRole("button", { name: "Run rollouts for the dataset" }).click();
  await expect(bar.getByText("Rollouts job started: 1 item(s).")).toBeVisible();
  await expect(bar.getByText("done", { exact: true })).toBeVisible({ timeout: 60_000 });
  expect(query(`SELECT verified, rolloutsCorrect, rolloutsTotal FROM Intervention WHERE id = ?`, iv)).toEqual([
    { verified: 1, rolloutsCorrect: 4, rolloutsTotal: 4 },
  ]);

  await bar.getByLabel("N attempts per problem").fill("2");
  await bar.getByText("Sampling and limit").click();
  await bar.getByLabel("Limit").fill("2");
  await bar.getByLabel("Temperature").fill("0.9");
  await bar.getByRole("button", { name: "Sample attempts" }).click();
  await expect(bar.getByText("Sampling job started: 2 item(s).")).toBeVisible();
  await expect(bar.getByText("done", { exact: true })).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByText("5 traces", { exact: false }).first()).toBeVisible(); // the list refreshed with the 2 kept attempts
  await page.screenshot({ path: "test-results/selection-jobs-bar.png", fullPage: true });
  // 2 problems x 2 attempts, all wrong (the stub answers 0); the same text twice is one trace
  expect(
    query(
      `SELECT COUNT(*) AS n FROM Rollout r JOIN Problem p ON p.id = r.problemId WHERE p.datasetId = ? AND r.condition = 'attempt' AND r.correct = 0`,
      ds.datasetId,
    ),
  ).toEqual([{ n: 4 }]);
  expect(query(`SELECT COUNT(*) AS n FROM Trace WHERE datasetId = ? AND origin = 'sampled'`, ds.datasetId)).toEqual([
    { n: 2 },
  ]);
  const job = query<{ params: string }>(
    `SELECT params FROM Job WHERE kind = 'sample' AND datasetId = ?`,
    ds.datasetId,
  )[0];
  expect(JSON.parse(job.params)).toMatchObject({ n: 2, limit: 2, sampling: { temperature: 0.9 } });

  // edit the intervention on the review screen: its 4 rollouts no longer prove the new text
  await page.goto(`/datasets/${ds.datasetId}/traces/${trace.id}`);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  await page.keyboard.press("c");
  await page.getByRole("textbox", { name: "Intervention content" }).fill("GOOD: do $3\\cdot 4$ before adding.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status")).toHaveText(/^Saved your edit; (recorded|kept) .*first-error label: /);
  const card = page.getByTestId("intervention");
  await card.getByRole("button", { name: "Show rollouts" }).click();
  const panel = card.getByRole("region", { name: "Rollouts" });
  await expect(panel.getByText("rollouts are stale, re-run")).toBeVisible();
  await expect(panel.getByTestId("rollout")).toHaveCount(0);
  await page.screenshot({ path: "test-results/selection-stale.png", fullPage: true });
  expect(query(`SELECT verified, rolloutsTotal FROM Intervention WHERE id = ?`, iv)).toEqual([
    { verified: null, rolloutsTotal: 0 },
  ]);

  await panel.getByLabel("Rollouts K").fill("2");
  await panel.getByRole("button", { name: "Run rollouts" }).click();
  await expect(panel.getByText("2/2 correct")).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByText("rollouts are stale, re-run")).toHaveCount(0);
  await expect(panel.getByText("verified", { exact: true })).toBeVisible();
});
