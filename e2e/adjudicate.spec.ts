import { readFileSync } from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { importTeamDataset, signedIn, teamQuery } from "./team-fixtures";

// Issue 13 §3 on the team server: two annotators label the same trace differently, a curator sees
// both labels side by side, takes one as the final label, and Analysis shows the agreement.

async function labelStep(ctx: BrowserContext, url: string, step: number): Promise<void> {
  const page = await ctx.newPage();
  await page.goto(url);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  // the focus starts on the trace's current label (another person's, here), so walk to the step from wherever it is
  await expect(async () => {
    const at = Number(
      await page.locator('[data-step][aria-current="step"]').getAttribute("data-step", { timeout: 1_000 }),
    );
    if (at !== step) await page.keyboard.press(at < step ? "j" : "k");
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute("aria-current", "step", { timeout: 1_000 });
  }).toPass();
  await page.keyboard.press("e");
  await expect(page.getByTestId("my-label")).toHaveText(`You: step ${step}`);
  await page.close();
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The row of `rater` scored against `reference` (a row's name is its cells' text, rater first). */
function analysisRow(page: Page, table: string, rater: string, reference: string) {
  return page
    .getByRole("table", { name: table })
    .getByRole("row", { name: new RegExp(`^${esc(rater)} ${esc(reference)} `) });
}

test("two annotators disagree, the curator sets the final label in the panel, Analysis shows the agreement", async ({
  browser,
}) => {
  const ds = importTeamDataset("adjudicate", 2);
  const trace = ds.traces[0];
  const url = `/datasets/${ds.datasetId}/traces/${trace.id}`;
  const tag = Math.random().toString(36).slice(2, 7);
  const ada = `ada-${tag}`,
    bob = `bob-${tag}`,
    cara = `cara-${tag}`;

  const adaCtx = await signedIn(browser, ada, "annotator");
  const bobCtx = await signedIn(browser, bob, "annotator");
  await labelStep(adaCtx, url, 2);
  await labelStep(bobCtx, url, 3);

  const caraCtx = await signedIn(browser, cara, "curator");
  const page = await caraCtx.newPage();
  await page.goto(url);
  await page.getByRole("link", { name: "Adjudicate", exact: true }).click();
  const panel = page.getByRole("region", { name: "Adjudicate", exact: true });
  await expect(panel.getByTestId("final-status")).toHaveText("No final label yet");
  const labels = panel.getByRole("table", { name: "labels" });
  await expect(labels.getByRole("row").filter({ hasText: ada })).toContainText("step 2");
  await expect(labels.getByRole("row").filter({ hasText: bob })).toContainText("step 3");
  // each rater's mark sits on the step it names
  await expect(panel.getByRole("listitem").filter({ has: page.getByRole("radio", { name: "step 3" }) })).toContainText(
    bob,
  );

  await panel.getByRole("button", { name: `Take ${bob}'s label` }).click();
  await expect(panel.getByRole("radio", { name: "step 3" })).toBeChecked();
  await panel.getByRole("textbox", { name: "Adjudication note" }).fill("step 2 is fine; 3 multiplies the wrong sum");
  await page.screenshot({ path: test.info().outputPath("adjudicate-panel.png"), fullPage: true });
  // Hydration can lag the click on a server-rendered button: click until the page moves on.
  await expect(async () => {
    await panel.getByRole("button", { name: "Set final label: step 3" }).click({ timeout: 2_000 });
    await expect(page).toHaveURL(new RegExp(`/traces/${trace.id}$`), { timeout: 2_000 });
  }).toPass();

  const [final] = teamQuery<{ step: number; annotator: string; note: string }>(
    `SELECT step, annotator, note FROM FirstErrorLabel WHERE traceId = ? AND source = 'final'`,
    trace.id,
  );
  expect(final).toEqual({ step: 3, annotator: "", note: "step 2 is fine; 3 multiplies the wrong sum" });
  const [ev] = teamQuery<{ actor: string; after: string }>(
    `SELECT actor, after FROM AuditEvent WHERE traceId = ? AND action = 'label.final'`,
    trace.id,
  );
  expect(ev.actor).toBe(cara);
  expect(JSON.parse(ev.after)).toMatchObject({ step: 3, from: `human:${bob}` });

  await page.goto(`/datasets/${ds.datasetId}/analysis`);
  const section = page.getByRole("region", { name: "Agreement between annotators" });
  await expect(section.getByRole("definition").first()).toHaveText("0.000"); // one trace, two different steps: alpha 0
  const pair = analysisRow(page, "Per pair of raters", ada, bob);
  await expect(pair).toContainText("0.0% (0/1)"); // exact
  await expect(pair).toContainText("100.0% (1/1)"); // within one step
  await expect(analysisRow(page, "Per rater against the final label", bob, "final label")).toContainText(
    "100.0% (1/1)",
  );
  await expect(analysisRow(page, "Per rater against the final label", ada, "final label")).toContainText("0.0% (0/1)");

  await section.screenshot({ path: test.info().outputPath("agreement-section.png") });
  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Download Agreement between annotators data as CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(csv.split("\n")[0]).toMatch(/^table,rater,reference,traces,exact,/);
  expect(csv).toContain(`vs_final,${bob},final label,1,1,1,`);
  await Promise.all([adaCtx.close(), bobCtx.close(), caraCtx.close()]);
});
