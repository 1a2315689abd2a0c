import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { buildGuidedAttempt } from "../lib/core/guided";
import { openPanel } from "./propose-fixtures";
import { unique } from "./upload-fixtures";
import { demoRows, type DemoRow } from "../test-support/demo-rows";

// Journey: upload a JSONL file in the browser (real upload progress) -> summary -> open the
// dataset -> filters in the URL change the list -> open a trace -> download the export
// ("export what I see") and check its rows. And: a malformed file names file/line/field and
// writes nothing.

const DEMO = demoRows();
const VARIANTS = 90; // 90 x 8 rows (~1.3 MB): big enough for progress events under throttling, several pages

function variantRows(): DemoRow[] {
  const out: DemoRow[] = [];
  for (let v = 0; v < VARIANTS; v++) for (const r of DEMO) out.push({ ...r, problem: `${r.problem} (variant ${v})` });
  return out;
}

async function throttleUpload(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

test("upload a JSONL file, browse it with URL filters, open a trace, export what I see", async ({ page }) => {
  test.setTimeout(180_000);
  const rows = variantRows();
  const body = rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const name = unique("e2e-upload");

  await page.goto("/import");
  await throttleUpload(page, 600 * 1024);
  await page
    .getByLabel("File")
    .setInputFiles({ name: "demo-variants.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(body) });
  await page.getByLabel("Dataset name").fill(name);
  await expect(page.getByText("creates a new dataset")).toBeVisible();
  await page.getByRole("button", { name: "Upload and import" }).click();

  // Real progress: the bar reports bytes sent before the upload completes.
  const bar = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(bar).toBeVisible();
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 15_000 })
    .toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/e2e-upload-progress.png" });
  // After the last byte the page says "Importing…" until the server answers; on a fast machine
  // that phase can end before a poll sees it, so the summary below is what must appear.

  const summary = page.getByRole("status", { name: "Import summary" });
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary.getByTestId("summary-problems")).toHaveText(rows.length.toLocaleString("en"));
  await expect(summary.getByTestId("summary-traces")).toHaveText(rows.length.toLocaleString("en"));
  await expect(summary.getByTestId("summary-interventions")).toHaveText((3 * VARIANTS).toLocaleString("en"));
  await page.screenshot({ path: "test-results/e2e-upload-summary.png" });

  // The dataset list shows the counts.
  await page.goto("/");
  const dsRow = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(dsRow).toContainText(`${rows.length}`);
  await expect(dsRow).toContainText(`${3 * VARIANTS} proposed`);
  await dsRow.getByRole("link", { name }).click();

  // The trace list: 50 per page, cursor pagination.
  await expect(page).toHaveURL(/\/datasets\/[^/?]+$/);
  const datasetUrl = page.url();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const bodyRows = page.locator("tbody tr[data-trace-id]");
  await expect(bodyRows).toHaveCount(50);
  await expect(page.getByText(`1–50 of ${rows.length}`).first()).toBeVisible();
  await page.getByRole("link", { name: "next →" }).first().click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(page.getByText(`51–100 of ${rows.length}`).first()).toBeVisible();
  await page.getByRole("link", { name: "← prev" }).first().click();
  await expect(page.getByText(`1–50 of ${rows.length}`).first()).toBeVisible();

  // Filters live in the URL and change the list.
  await page.getByRole("combobox", { name: "Generator" }).selectOption("demo-model-a");
  await expect(page).toHaveURL(/generator=demo-model-a/);
  await expect(page.getByText(`1–50 of ${rows.length / 2}`).first()).toBeVisible();
  await page.getByRole("combobox", { name: "Intervention" }).selectOption("yes");
  await expect(page).toHaveURL(/intervention=yes/);
  await page.getByRole("searchbox", { name: "Search text" }).fill("(variant 7)");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=%28variant\+7%29|q=\(variant\+7\)/);
  await expect(bodyRows).toHaveCount(3);
  for (const cell of await page.locator("tbody tr[data-trace-id] td:nth-child(3)").allTextContents())
    expect(cell).toBe("demo-model-a");
  await page.screenshot({ path: "test-results/e2e-filtered-list.png", fullPage: true });
  // Status tabs keep the other filters.
  await page.getByRole("link", { name: /^curated/ }).click();
  await expect(page).toHaveURL(/status=curated/);
  await expect(page).toHaveURL(/generator=demo-model-a/);
  await expect(page.getByText("No traces match these filters.")).toBeVisible();
  await page.getByRole("link", { name: /^all/ }).click();
  await expect(bodyRows).toHaveCount(3);
  const listUrl = new URL(page.url());

  // Export what I see: all three proposed interventions of the filtered traces.
  await openPanel(page, "Export");
  await page.getByRole("combobox", { name: "Export status" }).selectOption("any");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download" }).click(),
  ]);
  const exported = readFileSync((await download.path())!, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  expect(exported).toHaveLength(3);
  for (const e of exported) {
    const source = rows.find((r) => r.problem === e.problem)!;
    expect(source, e.problem).toBeTruthy();
    expect(source.problem).toContain("(variant 7)");
    expect(source.generator).toBe("demo-model-a");
    expect(e.intervention).toEqual(source.intervention);
    expect(e.incorrect_attempt).toBe(source.incorrect_attempt);
    expect(e.intervention_guided_attempt).toBe(
      buildGuidedAttempt(source.incorrect_attempt, source.intervention!.location, source.intervention!.content),
    );
  }
  await page.getByRole("button", { name: "Count rows" }).click();
  await expect(page.getByTestId("export-count")).toHaveText(/^3 rows/);
  // The default status (accepted + edited) exports nothing yet: every intervention is a proposal.
  await page.getByRole("combobox", { name: "Export status" }).selectOption("accepted,edited");
  const [none] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download" }).click(),
  ]);
  expect(readFileSync((await none.path())!, "utf8").trim()).toBe("");

  // Open a trace: the review link keeps the list's filters.
  await bodyRows.first().getByRole("link").nth(1).click();
  await expect(page).toHaveURL(/\/traces\/[^/?]+\?/);
  const traceUrl = new URL(page.url());
  for (const k of ["generator", "intervention", "q"])
    expect(traceUrl.searchParams.get(k)).toBe(listUrl.searchParams.get(k));
  await expect(page.getByRole("region", { name: "Problem" })).toContainText("(variant 7)");
  await page.screenshot({ path: "test-results/e2e-trace-opened.png" });
  expect(datasetUrl).toContain("/datasets/");
});

test("a malformed file names file, line and field, and writes nothing", async ({ page }) => {
  const name = unique("e2e-bad");
  const good = JSON.stringify(DEMO[0]);
  const { problem: _drop, ...noProblem } = DEMO[1];
  const body = [good, JSON.stringify(noProblem), good.replace('"answer"', '"answer_"')].join("\n") + "\n";

  await page.goto("/import");
  await page
    .getByLabel("File")
    .setInputFiles({ name: "broken.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(body) });
  await page.getByLabel("Dataset name").fill(name);
  await page.getByRole("button", { name: "Upload and import" }).click();

  const alert = page.getByRole("alert", { name: "Import errors" });
  await expect(alert).toContainText("nothing was written");
  const line2 = alert.getByRole("row").filter({ has: page.getByRole("cell", { name: "problem", exact: true }) });
  await expect(line2).toContainText("broken.jsonl");
  await expect(line2.getByRole("cell").nth(1)).toHaveText("2");
  await page.screenshot({ path: "test-results/e2e-upload-error.png" });

  await page.goto("/");
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  // No dataset of that name exists (the open-by-name link finds nothing).
  await page.goto(`/import/open?name=${encodeURIComponent(name)}`);
  await expect(page.getByText(/could not be found/i)).toBeVisible();
});

test("the header name picker sets the int-user cookie and shows the name", async ({ page, context }) => {
  const who = unique("ann");
  await page.goto("/");
  await page.getByTestId("current-user").click();
  await page.getByLabel("Your name").fill(who);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(who);
  expect((await context.cookies()).find((c) => c.name === "int-user")?.value).toBe(who);
  await page.reload();
  await expect(page.getByTestId("current-user")).toHaveText(who);
});

test("a ProcessBench file's labels show in the list as imported, until a person labels", async ({ page }) => {
  const name = unique("e2e-pb");
  // The native ProcessBench shape: 0-based label, -1 = no error (written here, not copied).
  const rows = [
    {
      id: "pb-0",
      generator: "gen",
      problem: "Compute $1+1$.",
      steps: ["We add.", "So $1+1=3$.", "Answer 3."],
      final_answer_correct: false,
      label: 1,
    },
    {
      id: "pb-1",
      generator: "gen",
      problem: "Compute $2+2$.",
      steps: ["We add.", "So $2+2=4$."],
      final_answer_correct: true,
      label: -1,
    },
  ];
  await page.goto("/import");
  await page
    .getByLabel("File")
    .setInputFiles({ name: "pb.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(rows)) });
  await page.getByLabel("Dataset name").fill(name);
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByRole("status", { name: "Import summary" })).toBeVisible({ timeout: 30_000 });

  await page.goto("/");
  await page.getByRole("link", { name }).click();
  const row = (id: string) =>
    page.locator("tbody tr[data-trace-id]").filter({ has: page.locator(`a[title="id ${id}"]`) });
  await expect(row("pb-0").getByTestId("other-label")).toHaveText("I: step 2"); // 0-based 1 -> step 2
  await expect(row("pb-1").getByTestId("other-label")).toHaveText("I: no error");
  await page.screenshot({ path: "test-results/e2e-list-imported-labels.png" });

  // A human label replaces it in the list.
  await row("pb-0").getByRole("link").first().click();
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  await page.keyboard.press("e"); // mark the focused step (1) as the first error
  await expect(page.getByRole("status")).toHaveText("Marked step 1 as first error");
  await page.goto(page.url().replace(/\/traces\/.*$/, ""));
  await expect(row("pb-0").getByRole("cell").nth(4)).toHaveText("step 1");
  await expect(row("pb-0").getByTestId("other-label")).toHaveCount(0);
});
