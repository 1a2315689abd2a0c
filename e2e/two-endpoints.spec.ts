import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { startStubModel, type StubModel } from "./stub-model/server";
import { DB_FILE, openPanel, query, setModel } from "./propose-fixtures";

// Two endpoints (issue 5 §1): on /settings point the base model and the trained model at the stub
// server (a test tool) under two names -> on a dataset page sample attempts from each ("from"
// select) -> the compare page lists both models and the problem the trained model fixed (counted
// over every sampled attempt, not only the wrong ones kept as traces) -> one click opens it side
// by side, the trained model's correct sampled attempt shown like a trace.
const BASE = "base-e2e";
const TRAINED = "trained-e2e";
// both answer 6 instead of 5 (kept as traces), each in its own words; the trained model gets #1 right
const BASE_WRONG = "First add two and three.\n\nWe get $2+3=6$ by counting on.\n\nSo the answer is $\\boxed{6}$.";
const TRAINED_WRONG = "Add the two numbers.\n\nWe get $2+3=6$ after checking again.\n\nSo the answer is $\\boxed{6}$.";
const TRAINED_RIGHT = "Add the two numbers.\n\nWe get $2+3=5$ after checking again.\n\nSo the answer is $\\boxed{5}$.";
const onFirst = (q: { messages: { content: string }[] }) => q.messages.some((m) => m.content.includes(" #1)"));

let stub: StubModel;
test.beforeAll(async () => {
  stub = await startStubModel({
    models: [BASE, TRAINED],
    respond: (q) => ({
      kind: "text",
      text: q.body.model === TRAINED ? (onFirst(q) ? TRAINED_RIGHT : TRAINED_WRONG) : BASE_WRONG,
    }),
  });
});
test.afterAll(async () => {
  clearTrained();
  await stub.close();
});

function clearTrained() {
  const db = new Database(DB_FILE);
  db.prepare("DELETE FROM Setting WHERE key LIKE 'trained.%'").run();
  db.close();
}

/** A dataset of `n` problems (2+3, answer 5) and no traces yet. */
function seedProblems(n: number) {
  const db = new Database(DB_FILE);
  const tag = randomUUID().slice(0, 8);
  const now = new Date().toISOString();
  const ds = `two-ep-ds-${tag}`;
  db.prepare(`INSERT INTO "Dataset" (id, name, description, createdAt, updatedAt) VALUES (?, ?, '', ?, ?)`).run(
    ds,
    `two-endpoints-${tag}`,
    now,
    now,
  );
  const ins = db.prepare(
    `INSERT INTO "Problem" (id, datasetId, statement, referenceSolution, answer, source, metadata, contentHash, createdAt) VALUES (?, ?, ?, '', '5', '', '{}', ?, ?)`,
  );
  for (let i = 1; i <= n; i++)
    ins.run(
      `two-ep-p${i}-${tag}`,
      ds,
      `What is $2+3$? (${tag} #${i})`,
      createHash("sha256").update(`${tag}${i}`).digest("hex"),
      now,
    );
  db.close();
  return { ds, problems: Array.from({ length: n }, (_, i) => `two-ep-p${i + 1}-${tag}`) };
}

test("configure a base and a trained endpoint, sample from each, compare them side by side", async ({ page }) => {
  test.setTimeout(150_000);
  setModel(null);
  clearTrained();
  const s = seedProblems(2);

  // before the trained endpoint exists: its option is disabled, with the reason
  setModel(stub.url, BASE);
  await page.goto(`/datasets/${s.ds}`);
  await openPanel(page, "Rollouts & sampling");
  const bar = page.getByRole("region", { name: "Rollouts and sampling" });
  const from = bar.getByRole("combobox", { name: "Sample from" });
  await expect(from.locator("option[value=trained]")).toBeDisabled();
  await expect(bar.getByTestId("trained-status")).toContainText("TRAINED_MODEL_BASE_URL");
  await page.screenshot({ path: "test-results/two-endpoints-bar-no-trained.png" });
  setModel(null);

  // /settings: both endpoints through their forms
  await page.goto("/settings");
  await expect(page.getByTestId("trained-status")).toContainText("No trained model configured");
  const baseForm = page.getByRole("form", { name: "Model endpoint", exact: true });
  await baseForm.getByLabel("Base URL").fill(stub.url);
  await baseForm.getByLabel("Model name").fill(BASE);
  await baseForm.getByRole("button", { name: "Save", exact: true }).click();
  await expect(baseForm.getByText("Saved.")).toBeVisible();

  const trainedForm = page.getByRole("form", { name: "Trained model endpoint" });
  await expect(trainedForm.getByLabel("Verifier prompt limit (tokens)")).toHaveCount(0); // base-model settings only
  await trainedForm.getByLabel("Base URL").fill(stub.url);
  await trainedForm.getByLabel("API key").fill("sk-e2e-trained");
  await trainedForm.getByRole("button", { name: "Test connection" }).click();
  const test_ = trainedForm.getByRole("status", { name: "Connection test" });
  await expect(test_).toContainText("2 model(s)");
  await test_.getByRole("button", { name: TRAINED }).click();
  await expect(trainedForm.getByLabel("Model name")).toHaveValue(TRAINED);
  await trainedForm.getByRole("button", { name: "Save", exact: true }).click();
  await expect(trainedForm.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("model-status")).toContainText(BASE);
  await expect(page.getByTestId("trained-status")).toContainText(`Trained model ${TRAINED} at ${stub.url}`);
  await expect(page.getByRole("form", { name: "Trained model endpoint" }).getByLabel("API key")).toHaveValue(""); // never sent back
  expect(await page.content()).not.toContain("sk-e2e-trained");
  await page.screenshot({ path: "test-results/two-endpoints-settings.png", fullPage: true });
  const audit = query<{ after: string }>(
    `SELECT after FROM AuditEvent WHERE action = 'settings.trained' ORDER BY createdAt DESC LIMIT 1`,
  )[0];
  expect(JSON.parse(audit.after)).toMatchObject({ "trained.name": TRAINED, "trained.apiKey": "(set)" });

  // the dataset page: sample 2 attempts per problem from each endpoint
  await page.goto(`/datasets/${s.ds}`);
  await openPanel(page, "Rollouts & sampling");
  await expect(from.locator("option[value=model]")).toHaveText(`Base model: ${BASE}`);
  await expect(from.locator("option[value=trained]")).toHaveText(`Trained model: ${TRAINED}`);
  await expect(from.locator("option[value=trained]")).toBeEnabled();
  await bar.getByLabel("N attempts per problem").fill("2");
  await bar.getByRole("button", { name: "Sample attempts" }).click();
  await expect(bar.getByText("Sampling job started: 2 item(s).")).toBeVisible();
  await expect(bar.getByText("done", { exact: true })).toBeVisible({ timeout: 60_000 });
  await from.selectOption("trained");
  await page.screenshot({ path: "test-results/two-endpoints-bar.png", fullPage: true });
  await bar.getByRole("button", { name: "Sample attempts" }).click();
  await expect
    .poll(
      () =>
        query<{ status: string }>(
          `SELECT status FROM Job WHERE datasetId = ? AND kind = 'sample' AND params LIKE '%"endpoint":"trained"%'`,
          s.ds,
        )[0]?.status,
      { timeout: 60_000 },
    )
    .toBe("done");
  await expect(bar.getByText("done", { exact: true })).toBeVisible({ timeout: 30_000 });
  // the list picks up the trained model's new trace when the job settles, without a reload
  await expect(page.getByRole("cell", { name: TRAINED, exact: true })).toBeVisible();

  const jobs = query<{ params: string }>(
    `SELECT params FROM Job WHERE datasetId = ? AND kind = 'sample' ORDER BY createdAt`,
    s.ds,
  ).map((j) => JSON.parse(j.params));
  expect(jobs).toMatchObject([
    { endpoint: "model", model: BASE, baseUrl: stub.url },
    { endpoint: "trained", model: TRAINED, baseUrl: stub.url },
  ]);
  expect(JSON.stringify(jobs)).not.toContain("sk-e2e-trained");
  expect(
    query(`SELECT generator, COUNT(*) AS n FROM Trace WHERE datasetId = ? GROUP BY generator ORDER BY generator`, s.ds),
  ).toEqual([
    { generator: BASE, n: 2 },
    { generator: TRAINED, n: 1 },
  ]); // #1: trained right, no trace

  // compare: both models, then one problem side by side
  await page.goto(`/datasets/${s.ds}`);
  await page.getByRole("link", { name: "Compare", exact: true }).click();
  const models = page.getByRole("table", { name: "models" });
  await expect(models).toContainText(BASE);
  await expect(models).toContainText(TRAINED);
  await expect(page.getByRole("table", { name: "sampled attempts" })).toContainText(TRAINED);
  const pairAcc = page.getByRole("table", { name: "pair accuracy" });
  await expect(pairAcc.getByRole("row").filter({ hasText: BASE })).toContainText("0.0% (0)");
  await expect(pairAcc.getByRole("row").filter({ hasText: TRAINED })).toContainText("50.0% (2)"); // 2 of 4 attempts
  const flips = page.getByRole("region", { name: "flipped problems" });
  await expect(flips.getByRole("heading")).toContainText("Flipped problems (1)");
  const flipped = flips.getByRole("link");
  await expect(flipped).toHaveCount(1);
  await expect(flipped).toContainText("fixed by B");
  await expect(flipped).toContainText("A 0/2 · B 2/2");
  await page.screenshot({ path: "test-results/two-endpoints-compare-list.png", fullPage: true });
  // the analysis page counts the same attempts: the trained model's right ones are not traces
  await page.goto(`/datasets/${s.ds}/analysis`);
  const an = page.getByRole("table", { name: "models" });
  await expect(an.getByRole("row").filter({ hasText: TRAINED })).toContainText("50.0%");
  await expect(an.getByRole("row").filter({ hasText: BASE })).toContainText("0.0%");
  await page.screenshot({ path: "test-results/two-endpoints-analysis.png", fullPage: true });
  await page.goto(`/datasets/${s.ds}/compare`);
  await flipped.click();
  await expect(page).toHaveURL(new RegExp(`/compare/${s.problems[0]}\\?`));
  await expect(page.getByRole("heading", { name: `Side by side: ${BASE} vs ${TRAINED}` })).toBeVisible();
  const attempts = page.getByRole("region", { name: "attempts" });
  await expect(attempts.getByTestId("sampled-A")).toHaveText("sampled: 2 attempts, 0 correct");
  await expect(attempts.getByTestId("sampled-B")).toHaveText("sampled: 2 attempts, 2 correct (all)");
  const steps = page.getByRole("region", { name: "aligned steps" });
  await expect(steps.locator('[data-side="A"][data-step="1"]')).toContainText("First add two and three.");
  await expect(steps.locator('[data-side="B"][data-step="1"]')).toContainText("Add the two numbers.");
  await expect(steps.locator('[data-side="B"][data-step="2"]')).toContainText("after checking again");
  await expect(page.getByRole("region", { name: "summary" })).toContainText("A: wrong, 3 steps");
  await expect(page.getByRole("region", { name: "summary" })).toContainText("B: correct (sampled attempt), 3 steps");
  await page.screenshot({ path: "test-results/two-endpoints-compare.png", fullPage: true });
});
