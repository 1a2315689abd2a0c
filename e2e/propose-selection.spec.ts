import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startStubModel } from "./stub-model/server";
import { openPanel, query, setModel } from "./propose-fixtures";

// Issue 12 §1 and §4 in the browser, against the stub model server (a test tool): import the real
// ProcessBench file with references, see what "propose" would send and skip, filter wrong
// answers, propose for one trace; the proposals the leak filter held back are shown as held back
// (with the answer and the text), counted apart, and one is accepted after a person edits the
// leak out; the export carries it.
test.use({ viewport: { width: 1440, height: 1000 } });

type Row = {
  problem: string;
  steps: string[];
  final_answer_correct: boolean;
  ground_truth_answer: string;
  first_error_index: number;
};
const FILE = resolve(process.cwd(), "..", "shared", "data", "processbench", "with-references.gsm8k-math.jsonl");
const rows: Row[] = readFileSync(FILE, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

test.afterAll(() => setModel(null));

test("import ProcessBench -> filter wrong answers -> propose says what it sends -> a held-back proposal edited and accepted", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const correct = rows.filter((r) => r.final_answer_correct).length;
  const wrong = rows.length - correct;
  // one wrong attempt whose problem appears once, with a numeric answer the stub will leak
  const pick = rows.find(
    (r) =>
      !r.final_answer_correct &&
      /^\d{2,}$/.test(r.ground_truth_answer) &&
      rows.filter((x) => x.problem === r.problem).length === 1,
  )!;
  const needle = pick.problem.slice(0, 40);
  const matching = rows.filter((r) => (r.problem + r.steps.join("\n\n")).toLowerCase().includes(needle.toLowerCase()));
  const answer = pick.ground_truth_answer;
  // two verifier replies are well-formed; the others leak the answer (held back by the filter)
  const stub = await startStubModel({
    rules: [
      {
        match: "**Substep 1:**",
        reply: { kind: "auto", location: 2, content: "Wait, let me recount the groups before adding." },
        times: 2,
      },
    ],
    fallback: { kind: "auto", location: 2, content: `So the total must be ${answer}.` },
  });
  try {
    setModel(stub.url);
    const name = `e2e-pb-select-${Date.now()}`;
    await page.goto("/import");
    await page.getByLabel("File").setInputFiles(FILE);
    await page.getByLabel("Dataset name").fill(name);
    await page.getByRole("button", { name: "Upload and import" }).click();
    const summary = page.getByRole("status", { name: "Import summary" });
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(summary.getByTestId("summary-traces")).toHaveText(rows.length.toLocaleString("en"));
    const [{ id: datasetId }] = query<{ id: string }>("SELECT id FROM Dataset WHERE name = ?", name);

    // Before anything starts, the button says what would be sent and what is skipped.
    await page.goto(`/datasets/${datasetId}`);
    await openPanel(page, "Propose");
    const bar = page.getByRole("region", { name: "Model proposals for this dataset" });
    await expect(
      bar.getByRole("button", {
        name: `Propose for ${wrong} wrong-answer traces (${correct} correct skipped, 0 without a reference)`,
      }),
    ).toBeVisible();
    await bar.getByLabel("include correct answers").check();
    await expect(
      bar.getByRole("button", {
        name: `Propose for ${wrong} wrong-answer traces + ${correct} correct (included) (correct included, 0 without a reference)`,
      }),
    ).toBeVisible();
    await bar.getByLabel("include correct answers").uncheck();

    // The list's new filters: wrong answers; the imported label.
    await page.getByRole("combobox", { name: "Answer" }).selectOption("wrong");
    await expect(page).toHaveURL(/answer=wrong/);
    await expect(page.getByText(`of ${wrong}`).first()).toBeVisible();
    await expect(
      bar.getByRole("button", {
        name: `Propose for ${wrong} wrong-answer traces (0 correct skipped, 0 without a reference)`,
      }),
    ).toBeVisible();
    await page.getByRole("combobox", { name: "Imported label" }).selectOption("no-error");
    await expect(page).toHaveURL(/imported=no-error/);
    const wrongNoError = rows.filter((r) => !r.final_answer_correct && r.first_error_index === -1).length;
    await expect(
      page.getByText(wrongNoError === 0 ? "No traces match these filters." : `of ${wrongNoError}`).first(),
    ).toBeVisible();
    await page.getByRole("combobox", { name: "Imported label" }).selectOption("");
    await expect(page).not.toHaveURL(/imported=/);
    await expect(page.getByText(`of ${wrong}`).first()).toBeVisible();
    await page.screenshot({ path: "test-results/propose-selection-filtered.png", fullPage: true });

    // Narrow to one wrong attempt and propose for it.
    await page.getByRole("searchbox", { name: "Search text" }).fill(needle);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/q=/);
    const wrongHere = matching.filter((r) => !r.final_answer_correct).length;
    expect(wrongHere).toBe(1);
    const go = bar.getByRole("button", {
      name: "Propose for 1 wrong-answer trace (0 correct skipped, 0 without a reference)",
    });
    await go.click();
    await expect(bar.getByTestId("propose-started")).toHaveText(
      "Started: Propose for 1 wrong-answer trace (0 correct skipped, 0 without a reference)",
    );
    await expect(bar.getByTestId("propose-outcomes")).toHaveText(
      "4 proposals: 2 parsed, 2 held back (contain the answer), 0 parse failures",
      { timeout: 60_000 },
    );
    await page.screenshot({ path: "test-results/propose-selection-job.png", fullPage: true });

    // The review screen: held back, with the reason and the text; edit the leak out and accept.
    const [{ id: traceId }] = query<{ id: string }>(
      "SELECT t.id FROM Trace t JOIN Problem p ON p.id = t.problemId WHERE t.datasetId = ? AND p.statement = ? AND t.correct = 0",
      datasetId,
      pick.problem,
    );
    await page.goto(`/datasets/${datasetId}/traces/${traceId}`);
    await expect(page.locator("[data-ready='1']")).toBeVisible();
    const proposals = page.getByRole("region", { name: "Model proposals" });
    const held = proposals.getByRole("article").filter({ hasText: "held back" });
    await expect(held).toHaveCount(2);
    await expect(held.first().getByTestId("held-back-reason")).toHaveText(`held back: contains the answer "${answer}"`);
    await expect(held.first()).toContainText(`So the total must be ${answer}.`);
    await expect(proposals.getByText("parse failed")).toHaveCount(0);
    await proposals.getByRole("button", { name: "Edit the leak out" }).first().click();
    const editor = proposals.getByRole("group", { name: /^Edit held-back proposal/ });
    await expect(editor.getByTestId("held-back-check")).toContainText(`Still contains the answer "${answer}"`);
    const box = editor.getByRole("textbox");
    await box.fill("So the total must be the sum of the groups we counted; add them again.");
    await expect(editor.getByTestId("held-back-check")).toHaveText("No longer contains the answer.");
    // the edit against the model's text, word by word (issue 14 §2)
    await expect(editor.getByTestId("held-back-diff").locator("ins", { hasText: "again" })).toBeVisible();
    await page.screenshot({ path: "test-results/propose-selection-held-back.png", fullPage: true });
    await editor.getByRole("button", { name: "Accept edited" }).click();
    await expect(page.getByRole("status").first()).toHaveText(
      /^Held-back proposal edited and accepted; recorded your first-error label: step \d+$/,
    );
    await expect(page.getByTestId("intervention").filter({ hasText: "add them again" })).toContainText("edited");
    await expect(proposals.getByRole("button", { name: "Edit the leak out" })).toHaveCount(1); // the other one is still held back
    await page.screenshot({ path: "test-results/propose-selection-accepted.png", fullPage: true });

    const res = await page.request.get(`/api/datasets/${datasetId}/export?format=int`);
    expect(res.ok()).toBe(true);
    const lines = (await res.text()).trim().split("\n").filter(Boolean);
    expect(lines.filter((l) => l.includes("add them again"))).toHaveLength(1);
  } finally {
    await stub.close();
  }
});
