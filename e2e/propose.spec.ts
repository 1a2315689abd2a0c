import { expect, test, type Page } from "@playwright/test";
import { CANNED } from "./stub-model/replies";
import { startStubModel } from "./stub-model/server";
import { importDataset, setModel, type Imported } from "./propose-fixtures";

// Model journeys on the review screen, against the stub OpenAI-compatible server (a test tool):
// "Find first error" -> progress -> proposals -> accept -> in the export; and a model server that
// is down: a clear error, and the person's label and intervention are still there.
let ds: Imported;
test.beforeAll(() => {
  ds = importDataset("propose-e2e", 2);
});
test.afterAll(() => setModel(null));
test.use({ viewport: { width: 1440, height: 900 } });

const open = async (page: Page, i: number) => {
  await page.goto(`/datasets/${ds.datasetId}/traces/${ds.traces[i].id}`);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
};
const SUGGESTION = "Wait, multiplication comes before addition: compute $3\\cdot 4$ first.";

test("find first error -> progress -> proposals -> accept -> exported", async ({ page }) => {
  test.setTimeout(90_000);
  // One verifier reply without a tag (a parse failure to show), then well-formed ones at step 2.
  const stub = await startStubModel({
    latencyMs: 400,
    rules: [{ match: "**Substep 1:**", reply: { kind: "text", text: CANNED.noTag }, times: 1 }],
    fallback: { kind: "auto", location: 2, content: SUGGESTION },
  });
  try {
    setModel(null);
    await open(page, 0);
    const model = page.getByRole("region", { name: "Model" });
    await expect(model.getByRole("button", { name: /Find first error/ })).toBeDisabled();
    await expect(model.getByTestId("model-status")).toContainText("vllm serve");

    setModel(stub.url);
    await open(page, 0);
    await page.getByRole("button", { name: "Mark step 2 as first error" }).click();
    await expect(page.getByTestId("my-label")).toHaveText("You: step 2");
    await page.keyboard.press("f");
    await expect(model.getByRole("progressbar", { name: "propose job progress" })).toBeVisible();
    await page.screenshot({ path: "test-results/propose-progress.png", fullPage: true });

    const proposals = page.getByRole("region", { name: "Model proposals" });
    await expect(proposals.getByRole("heading", { name: "Model proposals (4)" })).toBeVisible({ timeout: 30_000 });
    await expect(model.getByText("done", { exact: true })).toBeVisible();
    await expect(model.getByTestId("proposal-outcomes")).toHaveText(
      "4 proposals: 3 parsed, 1 parse failure (missing_tag)",
    );
    await expect(model.getByTestId("agreement")).toHaveText("model says step 2, you said step 2 (agree)");
    await expect(proposals.getByText("parse failed")).toBeVisible();
    await expect(proposals.getByText("missing_tag: no <intervention>...</intervention> in the output")).toBeVisible();
    const failed = proposals.getByRole("article").filter({ hasText: "parse failed" });
    await failed.getByText("Raw turn-2 output").click();
    const raw = failed.locator("details", { hasText: "Raw turn-2 output" }).locator("pre");
    await expect(raw).toBeVisible();
    await expect(raw).toContainText("I could not find one.");
    await expect(page.getByLabel("model first-error label")).toHaveCount(1);
    // the reference's sampling: one turn 1, then one turn 2 with n=4 whose self-check names the answer
    const turn2 = stub.requests().filter((r) => r.messages.length === 3);
    expect(stub.requests().filter((r) => r.messages.length === 1)).toHaveLength(1);
    expect(turn2.map((r) => r.body.n)).toEqual([4]);
    expect(turn2[0].messages[2].content).toContain('reference solution ("14") anywhere?');

    // The model's intervention is an ordinary Intervention row: in the list, decided like any other.
    const iv = page.getByTestId("intervention").filter({ hasText: "model" });
    await expect(iv).toHaveCount(1);
    await expect(iv).toContainText("proposed");
    const card = proposals.getByRole("article").filter({ hasText: "step 2" }).first();
    await card.getByText("Verification log", { exact: true }).click();
    const log = card
      .locator("details")
      .filter({ has: page.getByText("Verification log", { exact: true }) })
      .locator("pre");
    await expect(log).toBeVisible();
    await expect(log).toContainText("the arithmetic is off");
    await proposals.getByText("Guided attempt and diff").first().click();
    await expect(proposals.getByTestId("proposal-guided-preview").first()).toContainText("We need $2+3\\cdot 4$.");
    await page.screenshot({ path: "test-results/propose-proposals.png", fullPage: true });

    await proposals
      .getByRole("group", { name: /^Decide proposal/ })
      .first()
      .getByRole("button", { name: "Accept" })
      .click();
    // the person marked step 2 before asking: the accept keeps that label and says so
    await expect(page.getByRole("status").first()).toHaveText("Accepted; kept your first-error label: step 2");
    await expect(iv).toContainText("accepted");

    const res = await page.request.get(`/api/datasets/${ds.datasetId}/export?format=int`);
    expect(res.ok()).toBe(true);
    const rows = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const hit = rows.filter((r) => JSON.stringify(r).includes(JSON.stringify(SUGGESTION).slice(1, -1)));
    expect(hit).toHaveLength(1);

    await page.goto(`/datasets/${ds.datasetId}`);
    await expect(page.getByTestId("dataset-agreement")).toHaveText("Human vs model first error: 100% agree (1/1)");
    await page.screenshot({ path: "test-results/propose-dataset.png", fullPage: true });
  } finally {
    await stub.close();
  }
});

test('"no critical error": the proposal says so and the model label reads "no error"', async ({ page }) => {
  const stub = await startStubModel({
    rules: [{ match: "**Substep 1:**", reply: { kind: "text", text: CANNED.noError } }],
  });
  try {
    setModel(stub.url);
    const one = importDataset("propose-noerr", 1);
    await page.goto(`/datasets/${one.datasetId}/traces/${one.traces[0].id}`);
    await expect(page.locator("[data-ready='1']")).toBeVisible();
    await page.keyboard.press("f");
    const proposals = page.getByRole("region", { name: "Model proposals" });
    await expect(proposals.getByRole("heading", { name: "Model proposals (4)" })).toBeVisible({ timeout: 30_000 });
    await expect(proposals.getByText("no critical error", { exact: true })).toHaveCount(4);
    await expect(proposals.getByText("parse failed")).toHaveCount(0);
    await expect(page.getByTestId("agreement")).toHaveText("model says no error; no human label yet");
    await expect(page.getByTestId("intervention")).toHaveCount(0);
    await page.screenshot({ path: "test-results/propose-no-error.png", fullPage: true });
  } finally {
    setModel(null);
    await stub.close();
  }
});

test("model server down: a clear error, and the person's work stays", async ({ page }) => {
  const stub = await startStubModel();
  setModel(stub.url);
  await stub.close(); // nothing listens at the configured URL any more
  await open(page, 1);
  await page.getByRole("button", { name: "Mark step 1 as first error" }).click();
  await expect(page.getByTestId("my-label")).toHaveText("You: step 1");
  await page.keyboard.press("i");
  await page.getByRole("textbox", { name: "Intervention content" }).fill("Mine: products before sums.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status").first()).toHaveText("Intervention at step 1 saved (proposed)");

  await page.getByRole("button", { name: /Find first error/ }).click();
  const model = page.getByRole("region", { name: "Model" });
  await expect(
    model.getByText(/^model server unreachable at http:\/\/127\.0\.0\.1:\d+\/v1\S*; resume when it is up/),
  ).toBeVisible({ timeout: 30_000 });
  await expect(model.getByText("paused", { exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/propose-model-down.png", fullPage: true });

  await page.reload();
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  await expect(page.getByTestId("my-label")).toHaveText("You: step 1");
  await expect(page.getByTestId("intervention")).toHaveCount(1);
  await expect(page.getByTestId("intervention")).toContainText("Mine: products before sums.");
  await expect(model.getByText(/model server unreachable/)).toBeVisible(); // the paused job is still shown
  await model.getByRole("button", { name: "Cancel" }).click();
  // a cancelled job no longer belongs on the trace: its progress goes away
  await expect(model.getByRole("region", { name: "Job propose" })).toBeHidden();
  await expect(page.getByTestId("intervention")).toContainText("Mine: products before sums.");
});
