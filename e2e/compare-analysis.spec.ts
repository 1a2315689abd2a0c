import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { unique, uploadRows } from "./upload-fixtures";

// Journey: upload attempts of two models on the same problems (real ProcessBench rows, JSON
// array) -> dataset page -> Compare -> a flipped problem side by side (aligned steps, diff,
// first divergence, base error step, the same-mistake flag, cleared by the researcher) ->
// Analysis -> download a plot as SVG and PNG and its data as CSV, and check the files.

type Row = {
  id: string;
  generator: string;
  problem: string;
  steps: string[];
  label: number;
  final_answer_correct: boolean;
};
const PB: Row[] = JSON.parse(readFileSync("../shared/data/processbench/gsm8k.json", "utf8"));
const byId = (id: string) => PB.find((r) => r.id === id)!;

function rows(): Row[] {
  const r0 = byId("gsm8k-0"),
    r8 = byId("gsm8k-8"),
    r203 = byId("gsm8k-203");
  return [
    { ...r8, generator: "base-model" }, // wrong, first error at step 3 (3 x 15 = 45)
    { ...r203, generator: "int-model" }, // right on the same problem: a flip
    { ...r0, generator: "base-model" },
    { ...r0, id: "b-0", generator: "int-model", steps: [...r0.steps.slice(0, 3), "So the answer stays the same."] }, // still wrong
  ];
}

test("compare two models on the same problems, then download an analysis plot", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const name = unique("e2e-compare");
  await uploadRows(page, name, "two-models.json", rows());

  await page.goto("/");
  await page.getByRole("link", { name }).click();
  await page.getByRole("link", { name: "Compare", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Compare models" })).toBeVisible();
  const models = page.getByRole("table", { name: "models" });
  await expect(models).toContainText("base-model");
  await expect(models).toContainText("int-model");
  const flips = page.getByRole("region", { name: "flipped problems" });
  await expect(flips).toContainText("Flipped problems (1)");
  await page.screenshot({ path: "test-results/e2e-compare.png", fullPage: true });

  await flips.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /Side by side/ })).toBeVisible();
  await expect(page.getByTestId("first-divergence")).toContainText("First divergence: A step 1 / B step –");
  await expect(page.getByRole("region", { name: "summary" })).toContainText("Base first error: step 3");
  await expect(page.locator('[data-side="A"][data-step="3"]')).toContainText("first error (base)");
  await expect(page.getByText("Diff of the two traces")).toBeVisible();
  await expect(page.locator("table").filter({ hasText: "45" }).first()).toBeVisible();
  const flag = page.getByRole("region", { name: "same mistake flag" });
  await expect(flag).toContainText("same mistake?");
  await expect(flag).toContainText("15-3=12"); // a claim shared with the base's error step: a suggestion to judge
  await expect(page.getByTestId("same-mistake-decision")).toHaveText("undecided");
  await flag.getByRole("button", { name: "Clear flag" }).click();
  await expect(page.getByTestId("same-mistake-decision")).toContainText("cleared by e2e");
  await page.reload();
  await expect(page.getByTestId("same-mistake-decision")).toContainText("cleared by e2e");
  await page.screenshot({ path: "test-results/e2e-compare-problem.png", fullPage: true });

  await page.getByRole("link", { name: "compare", exact: true }).click();
  await page.getByRole("link", { name: "Analysis →" }).click();
  await expect(page.getByRole("heading", { name: "Analysis", exact: true })).toBeVisible();
  const chart = page.getByRole("region", { name: "First-error step index" });
  await expect(chart.locator("svg[data-chart]")).toBeVisible();
  await page.screenshot({ path: "test-results/e2e-analysis.png", fullPage: true });

  // One renderer, on the server: the same chart (bars and every series' name) is in the HTML
  // before hydration. Here the app's script files never load, so React never hydrates (the inline
  // streaming scripts still reveal the Suspense boundaries, as in a slow first load).
  const noJs = await browser.newContext();
  await noJs.route("**/_next/static/**", (r) => (r.request().resourceType() === "script" ? r.abort() : r.continue()));
  const bare = await noJs.newPage();
  await bare.goto(page.url());
  const bareChart = bare.getByRole("region", { name: "First-error step index" });
  await expect(bareChart.locator("svg[data-chart] rect.chart-bar")).toHaveCount(
    await chart.locator("rect.chart-bar").count(),
  );
  await expect(bareChart.locator("svg[data-chart] .legend-entry")).toHaveText(["human (imported)"]);
  await bare.screenshot({ path: "test-results/e2e-analysis-no-js.png", fullPage: true });
  await noJs.close();

  const svgDl = page.waitForEvent("download");
  await chart.getByRole("button", { name: "Download First-error step index as SVG" }).click();
  const svg = await svgDl;
  expect(svg.suggestedFilename()).toBe("first-error-step.svg");
  const svgText = readFileSync((await svg.path())!, "utf8");
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain('class="chart-bar"');
  expect(svgText).toContain("first-error step (1-based)");
  expect(svgText).toContain('class="legend-entry"'); // the legend is part of the chart's SVG
  expect(svgText).toContain("human (imported)");
  expect(svgText).toMatch(/width="560" height="260"/);

  const pngDl = page.waitForEvent("download");
  await chart.getByRole("button", { name: "Download First-error step index as PNG" }).click();
  const png = await pngDl;
  expect(png.suggestedFilename()).toBe("first-error-step.png");
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.length).toBeGreaterThan(2000);

  const csvDl = page.waitForEvent("download");
  await chart.getByRole("button", { name: "Download First-error step index data as CSV" }).click();
  const csv = readFileSync((await (await csvDl).path())!, "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toBe("step,human (imported)");
  // imported labels: base-model step 3 (gsm8k-8), step 2 (gsm8k-0); int-model step 2 (b-0); gsm8k-203 no error
  expect(csv.slice(1, 4)).toEqual(["1,0", "2,2", "3,1"]);
});

// Eight models with long names: the pass@k download names every one of them (the legend wraps
// into rows and the file grows to hold them), and a k that too few problems reach is not drawn.
test("pass@k: every model named in the downloaded chart; thin points stay in the CSV only", async ({ page }) => {
  test.setTimeout(120_000);
  const name = unique("e2e-passk");
  const models = Array.from({ length: 8 }, (_, i) => `checkpoint-${i + 1}-qwen3-4b-instruct`);
  const pool = PB.slice(0, 12);
  const data: Row[] = models.flatMap((m, i) =>
    pool.map((r) => ({ ...r, id: `${m}-${r.id}`, generator: m, final_answer_correct: (r.steps.length + i) % 3 === 0 })),
  );
  // one problem with a second attempt of the first model: pass@2 over 1 of 12 problems
  data.push({
    ...pool[0],
    id: "extra-attempt",
    steps: [...pool[0].steps, "Checking once more: done."],
    generator: models[0],
    final_answer_correct: true,
  });
  await uploadRows(page, name, "eight-models.json", data);
  await page.goto("/");
  await page.getByRole("link", { name }).click();
  await page.getByRole("link", { name: "Analysis", exact: true }).click();
  const chart = page.getByRole("region", { name: "pass@k per model" });
  await expect(chart.locator("svg[data-chart]")).toBeVisible();
  await expect(chart).toContainText("a line stops where fewer than 50%");
  await expect(chart.locator("circle.chart-dot")).toHaveCount(8); // pass@1 only: pass@2 has 1 of 12 problems
  await chart.screenshot({ path: "test-results/e2e-pass-at-k-eight-models.png" });

  const svgDl = page.waitForEvent("download");
  await chart.getByRole("button", { name: "Download pass@k per model as SVG" }).click();
  const svg = readFileSync((await (await svgDl).path())!, "utf8");
  const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
  const height = Number(/<svg[^>]*\sheight="(\d+)"/.exec(svg)![1]);
  expect(height).toBeGreaterThan(260); // grew to hold the extra legend rows
  const entries = [
    ...svg.matchAll(/<g class="legend-entry"><rect x="(\d+(?:\.\d+)?)"[^>]*\/><text[^>]*>([^<]*)<\/text><\/g>/g),
  ];
  expect(entries.map((e) => e[2]).sort()).toEqual([...models].sort());
  for (const e of entries) expect(Number(e[1]) + 30 + e[2].length * 7).toBeLessThanOrEqual(width);

  const csvDl = page.waitForEvent("download");
  await chart.getByRole("button", { name: "Download pass@k per model data as CSV" }).click();
  const csv = readFileSync((await (await csvDl).path())!, "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toBe("model,k,pass_at_k,problems,plotted");
  expect(csv).toContain(`${models[0]},2,1,1,no`);
});
