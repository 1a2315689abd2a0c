import { expect, test, type Page } from "@playwright/test";
import { CANNED } from "./stub-model/replies";
import { startStubModel } from "./stub-model/server";
import { importDataset, setModel, type Imported } from "./propose-fixtures";

// Issue 14 §2, proposals you can judge: f against the stub model -> the model panel says what
// came back; edit the model's proposal -> word diff "model proposal -> my edit" and a live
// rendered preview in the guided attempt; save -> the first-error label it recorded, in the UI
// and in the ProcessBench export.
let ds: Imported;
test.beforeAll(() => {
  ds = importDataset("judge-e2e", 1); // problem "Compute $2+3\cdot 4$.", answer "14"
});
test.afterAll(() => setModel(null));
test.use({ viewport: { width: 1440, height: 900 } });

const PROPOSAL = "Wait, multiplication comes before addition: compute $3\\cdot 4$ first.";
const MY_EDIT =
  "Wait, multiplication binds tighter than addition: compute $3\\cdot 4 = 12$ first, then add the $2$ to it, and only after that check whether the total still agrees with the order of operations I was taught in school.";

async function open(page: Page) {
  await page.goto(`/datasets/${ds.datasetId}/traces/${ds.traces[0].id}`);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
}

test("f -> outcome summary; edit the model's proposal with diff and live preview; save records the label", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // two of the four verifier replies put the answer (14) in the intervention: held back by the leak filter
  const stub = await startStubModel({
    rules: [{ match: "**Substep 1:**", reply: { kind: "text", text: CANNED.answerLeak("14") }, times: 2 }],
    fallback: { kind: "auto", location: 2, content: PROPOSAL },
  });
  try {
    setModel(stub.url);
    await open(page);
    await expect(page.getByTestId("trace-status")).toHaveText("todo");
    await page.keyboard.press("f");
    const model = page.getByRole("region", { name: "Model" });
    await expect(model.getByTestId("proposal-outcomes")).toHaveText(
      "4 proposals: 2 parsed, 2 held back: contain the answer",
      { timeout: 45_000 },
    );
    await page.screenshot({ path: "test-results/judge-outcomes.png", fullPage: true });

    // the model's intervention, edited
    const iv = page.getByTestId("intervention").filter({ hasText: "model" });
    await expect(iv).toHaveCount(1);
    await iv.getByRole("button", { name: /^Edit/ }).click();
    const composer = page.getByRole("region", { name: "Edit intervention" });
    const editor = composer.getByRole("textbox", { name: "Intervention content" });
    await expect(editor).toHaveValue(PROPOSAL);
    await editor.fill(MY_EDIT);

    // word diff: the proposal's words against mine, word by word
    const editDiff = composer.getByTestId("edit-diff");
    await expect(editDiff).toContainText("model proposal → my edit");
    await expect(editDiff.locator("ins", { hasText: "binds" })).toBeVisible();
    await expect(editDiff.locator("del", { hasText: "comes" })).toBeVisible();
    await expect(editDiff.locator("ins", { hasText: "Wait" })).toHaveCount(0); // word level: unchanged words unmarked
    // a long line wraps: nothing is cut off or hidden sideways
    const box = editDiff.locator(":scope > div");
    const overflow = await box.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(editDiff.locator("ins", { hasText: "school" })).toBeInViewport();
    await expect(composer.getByTestId("step-diff")).toContainText("replaced step → intervention");
    // one paragraph over 500 characters still gets a word diff (the library alone shows it as a whole line)
    await editor.fill(
      MY_EDIT + " Then I recount:" + " each group of four adds four more to the running total,".repeat(6),
    );
    await expect(editDiff.locator("ins", { hasText: "running total" }).first()).toBeVisible();
    await expect(editDiff.locator("ins", { hasText: "Wait" })).toHaveCount(0);
    await expect(editDiff.locator("del", { hasText: "comes" })).toBeVisible();
    expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/judge-long-diff.png" });
    await editor.fill(MY_EDIT);
    await expect(editDiff.getByTestId("inline-word-diff")).toHaveCount(0);

    // live rendered preview: the prefix step before it, then my text, math rendered by KaTeX
    const preview = composer.getByTestId("rendered-preview");
    await expect(preview).toContainText("step 1");
    await expect(preview.locator(".katex").first()).toBeVisible();
    const mine = composer.getByTestId("rendered-intervention");
    await expect(mine).toContainText("only after that check");
    await expect(mine.locator(".katex")).toHaveCount(2); // $3\cdot 4 = 12$ and $2$, rendered, not raw
    await expect(mine).not.toContainText("$3\\cdot");
    await editor.press("End");
    await editor.pressSequentially(" Also $\\frac{1}{2}$.");
    await expect(mine.locator(".katex")).toHaveCount(3); // the preview follows the typing
    await page.screenshot({ path: "test-results/judge-composer.png" });

    await page.keyboard.press("Control+Enter");
    await expect(page.getByRole("status").first()).toHaveText(
      "Saved your edit; recorded your first-error label: step 2",
    );
    await expect(page.getByTestId("my-label")).toHaveText("You: step 2");
    await expect(page.getByTestId("trace-status")).toHaveText("curated");
    // after saving, the edit stays judged against the proposal
    const saved = iv.getByTestId("saved-edit-diff");
    await expect(saved).toContainText("model proposal → edit");
    await expect(saved.locator("ins", { hasText: "binds" })).toBeVisible();
    await page.screenshot({ path: "test-results/judge-saved.png", fullPage: true });

    // the ProcessBench export carries the recorded label (0-based: step 2 -> 1)
    const res = await page.request.get(`/api/datasets/${ds.datasetId}/export?format=processbench&status=any`);
    expect(res.ok()).toBe(true);
    const rows = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { label: number });
    expect(rows.map((r) => r.label)).toEqual([1]);

    // undo takes the label back with the edit
    await page.keyboard.press("u");
    await expect(page.getByRole("status").first()).toHaveText("Undid your edit and the first-error label it recorded");
    await expect(page.getByTestId("my-label")).toHaveText("not labelled by you");
    await expect(page.getByTestId("trace-status")).toHaveText("todo");
  } finally {
    await stub.close();
  }
});
