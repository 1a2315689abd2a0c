import { expect, test } from "@playwright/test";
import { importRows } from "./propose-fixtures";

// Issue 11 §1 in the browser: a trace built to make rendering cost explode (unmatched `\(`,
// `\def` bombs, thousands of formulas, a huge negative \raisebox, script payloads) is imported
// through the CLI and opened. The page loads promptly, says where and why math rendering
// stopped, shows the rest as written, keeps a sane height, and runs nothing from the trace.
const bomb = (k: number) =>
  "$\\def\\a{" + "x".repeat(150) + "}\\def\\b{" + "\\a".repeat(10) + "}\\b " + k + "$ and so on.";
const MANY = "$x$x".repeat(50_000); // 100,000 formulas in 200 KB
const STEPS = [
  "We start from $f(x) = x^2 + 1$ and want $f(2)$.",
  "Lift it: $\\raisebox{-100000em}{x}$ and push it $a\\kern{-100000em} b$.",
  Array.from({ length: 50 }, (_, k) => bomb(k)).join("\n"),
  "\\(".repeat(100_000),
  MANY,
  '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> $\\href{javascript:window.__pwned=3}{click}$ [x](javascript:window.__pwned=4)',
  "So $f(2) = 5$.",
];

test("a hostile trace renders promptly, bounded, with a note, and runs nothing", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `hostile-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const { datasetId, traces } = importRows(name, [
    {
      problem: "Compute $f(2)$ for $f(x) = x^2 + 1$.",
      answer: "5",
      reference_solution: "$f(2) = 4 + 1 = 5$.",
      incorrect_attempt: STEPS.join("\n\n"),
    },
  ]);
  await page.addInitScript(() => ((window as unknown as { __pwned: number }).__pwned = 0));
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });

  const t0 = Date.now();
  await page.goto(`/datasets/${datasetId}/traces/${traces[0].id}`);
  await expect(page.locator(`[data-step="${STEPS.length}"]`)).toBeVisible();
  const loadMs = Date.now() - t0;
  expect(loadMs, "page load").toBeLessThan(15_000); // before: 42 s for the \( step alone on the server

  // The note, with the reason, and the rest of the step as written, byte for byte.
  const many = page.locator('[data-step="5"] .dual-rendered');
  await expect(many.getByRole("note")).toHaveText(/^Math rendering stopped here: this step exceeds 1,000 formulas\./);
  expect(await many.locator(".md-raw").textContent()).toBe(MANY);
  const bombs = page.locator('[data-step="3"] .dual-rendered');
  await expect(bombs.getByRole("note")).toHaveText(/this step exceeds 10,000 TeX tokens/);
  await expect(page.locator('[data-step="4"]')).toContainText("\\(\\(\\(");

  // The -100000em raisebox and kern are capped: the step is a line or two high.
  const lifted = await page.locator('[data-step="2"]').boundingBox();
  expect(lifted!.height).toBeLessThan(600);
  const bodyHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(bodyHeight).toBeLessThan(200_000); // was 3.6 million px

  // Nothing from the trace ran.
  await expect(page.locator('[data-step="6"]')).toContainText("<script>window.__pwned = 1</script>");
  const url = page.url();
  await page.locator('[data-step="6"] .dual-rendered .katex-html').click({ timeout: 5_000 });
  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
  expect(dialogs).toBe(0);
  await page.locator('[data-step="2"]').evaluate((el) => el.scrollIntoView());
  await page.screenshot({ path: "test-results/e2e-hostile-render.png" });
  await many.getByRole("note").evaluate((el) => el.scrollIntoView({ block: "center" }));
  await page.screenshot({ path: "test-results/e2e-hostile-render-note.png" });
});
