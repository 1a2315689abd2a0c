import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { startStubModel, type StubModel } from "./stub-model/server";
import { openPanel } from "./propose-fixtures";

// Rollouts journey: accept a proposed intervention on the review screen -> run 8 rollouts on the
// intervention page -> verdicts and the "verified" badge -> the export's "Verified only" keeps it
// and reports the one it dropped. The model is the stub server (a test tool), set via Setting rows.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DB = `./data/e2e-${PORT}.db`;
const RIGHT = "\n\nSo the sum is $5$, and the answer is \\boxed{5}.";
const WRONG = "\n\nSo the sum is $6$, and the answer is \\boxed{6}.";

let stub: StubModel;
test.beforeAll(async () => {
  let n = 0;
  stub = await startStubModel({
    respond: (q) => {
      const start = q.messages[q.messages.length - 1]?.content ?? "";
      return {
        kind: "text",
        text: q.body.continue_final_message && start.includes("GOOD") && n++ % 2 === 0 ? RIGHT : WRONG,
      };
    },
  });
});
test.afterAll(() => stub.close());

const hash = (s: string) => createHash("sha256").update(s).digest("hex");

function seed() {
  const db = new Database(DB);
  const tag = randomUUID().slice(0, 8);
  const now = new Date().toISOString();
  const ds = `ro-ds-${tag}`,
    p = `ro-p-${tag}`,
    t = `ro-t-${tag}`;
  db.prepare(`INSERT INTO "Dataset" (id, name, description, createdAt, updatedAt) VALUES (?, ?, '', ?, ?)`).run(
    ds,
    `rollouts-${tag}`,
    now,
    now,
  );
  db.prepare(
    `INSERT INTO "Problem" (id, datasetId, statement, referenceSolution, answer, source, metadata, contentHash, createdAt) VALUES (?, ?, ?, '', '5', '', '{}', ?, ?)`,
  ).run(p, ds, `What is $2+3$? (${tag})`, hash(tag), now);
  const text = "Let us add the numbers.\n\nWe get $2+3=6$.\n\nSo the answer is $\\boxed{6}$.";
  db.prepare(
    `INSERT INTO "Trace" (id, datasetId, problemId, text, generator, origin, correct, stepCount, contentHash, status, hasIntervention, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'gen', 'imported', 0, 3, ?, 'todo', 1, 0, ?, ?)`,
  ).run(t, ds, p, text, hash(text + tag), now, now);
  const iv = db.prepare(
    `INSERT INTO "Intervention" (id, traceId, location, content, status, origin, author, provenance, contentHash, rolloutsCorrect, rolloutsTotal, version, createdAt, updatedAt) VALUES (?, ?, 2, ?, ?, 'model', '', '{}', ?, 0, 0, 0, ?, ?)`,
  );
  iv.run(`ro-good-${tag}`, t, "GOOD: recompute, $2+3$ is five.", "proposed", hash(`good${tag}`), now, now);
  iv.run(`ro-bad-${tag}`, t, "BAD: carry on.", "accepted", hash(`bad${tag}`), now, now);
  const set = db.prepare(
    `INSERT INTO "Setting" (key, value, updatedAt) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  set.run("model.baseUrl", stub.url, now);
  set.run("model.name", "stub-model", now);
  db.close();
  return { ds, t, good: `ro-good-${tag}`, bad: `ro-bad-${tag}` };
}

test("accept -> 8 rollouts -> verified badge -> export keeps only the verified intervention", async ({ page }) => {
  test.setTimeout(120_000);
  const s = seed();
  await page.goto(`/datasets/${s.ds}/traces/${s.t}`);
  // hydrated: a click on the server-rendered button before then does nothing (CI saw it)
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  const card = page.getByTestId("intervention").filter({ hasText: "GOOD: recompute" });
  const accept = card.getByRole("button", { name: /^Accept/ });
  await accept.click();
  await expect(accept).toBeDisabled();
  await expect(card.getByText("accepted", { exact: true })).toBeVisible();

  // the rollouts panel, mounted on the review screen under the intervention
  await card.getByRole("button", { name: "Show rollouts" }).click();
  const panel = card.getByRole("region", { name: "Rollouts" });
  await expect(panel.getByText("not rolled out yet")).toBeVisible();
  await panel.getByLabel("Rollouts K").fill("8");
  await panel.getByRole("button", { name: "Run rollouts" }).click();
  await expect(panel.getByText("verified", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByText("4/8 correct")).toBeVisible();
  await expect(panel.getByTestId("rollout")).toHaveCount(8);
  await expect(panel.locator('[data-correct="true"]')).toHaveCount(4);
  await expect(panel.getByText("wrong", { exact: true })).toHaveCount(4); // verdicts in words, never the code
  await expect(panel.getByText("not_equal")).toHaveCount(0);
  await panel.locator('[data-correct="true"]').first().getByRole("button").click();
  await expect(panel.getByLabel("Continuation").first()).toContainText("the answer is");
  await expect(panel.locator(".katex").first()).toBeVisible();
  await page.screenshot({ path: "test-results/rollouts-review.png", fullPage: true });

  // the job's page: the item's verdicts in words, with links (issue 14 §3)
  const db = new Database(DB, { readonly: true });
  const { jobId } = db
    .prepare(`SELECT jobId FROM JobItem WHERE payload LIKE ? AND status = 'done'`)
    .get(`%${s.good}%`) as { jobId: string };
  db.close();
  await page.goto(`/jobs/${jobId}`);
  const row = page
    .getByRole("region", { name: "Outcomes" })
    .getByTestId("outcome-row")
    .filter({ hasText: "4 correct, 4 wrong" });
  await expect(row.getByText("some correct", { exact: true })).toBeVisible();
  await expect(row.getByRole("link", { name: `intervention ${s.good}` })).toHaveAttribute(
    "href",
    `/interventions/${s.good}`,
  );
  await expect(row.getByRole("link", { name: `trace ${s.t}` })).toHaveAttribute(
    "href",
    `/datasets/${s.ds}/traces/${s.t}`,
  );
  await expect(page.getByTestId("sample-totals")).toHaveText("4 of 8 samples correct: 4 correct, 4 wrong");
  await expect(page.getByText("not_equal")).toHaveCount(0);
  await page.screenshot({ path: "test-results/rollouts-job-outcomes.png", fullPage: true });

  // the other (accepted) intervention: all wrong -> not verified
  await page.goto(`/interventions/${s.bad}`);
  const bad = page.getByRole("region", { name: "Rollouts" });
  await expect(bad.getByText("not rolled out yet")).toBeVisible();
  await bad.getByLabel("Rollouts K").fill("4");
  await bad.getByRole("button", { name: "Run rollouts" }).click();
  await expect(bad.getByText("not verified")).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await expect(page.getByRole("table", { name: "Rollout summary" })).toContainText("prefix + intervention");
  await expect(page.getByRole("table", { name: "Rollout summary" })).toContainText("1/1 (100.00%)");
  await page.screenshot({ path: "test-results/rollouts-intervention-page.png", fullPage: true });

  await page.goto(`/datasets/${s.ds}`);
  await openPanel(page, "Export");
  const exp = page.getByRole("region", { name: "Export" });
  await exp.getByLabel("Verified only").check();
  await exp.getByRole("button", { name: "Count rows" }).click();
  await expect(exp.getByTestId("export-count")).toContainText(/^1 row\b/);
  await expect(exp.getByTestId("export-count")).toContainText("0 not rolled out, 1 failed the keep filter");
  const href = await exp.getByRole("link", { name: "Download" }).getAttribute("href");
  expect(href).toContain("verified=1");
  const body = await (await page.request.get(href!)).text();
  const rows = body
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(rows).toHaveLength(1);
  expect(JSON.stringify(rows[0])).toContain("GOOD: recompute");
  await page.screenshot({ path: "test-results/rollouts-export.png", fullPage: true });
});
