import { expect, test } from "@playwright/test";
import { importRows } from "./propose-fixtures";

// Journey: math where it appears on the review screen. A display equation wider than its column
// scrolls sideways and shows a scrollbar (it used to be clipped with nothing to say so).
test.use({ viewport: { width: 1280, height: 900 } });

const wide = `$$${Array.from({ length: 60 }, (_, i) => `a_{${i + 1}}`).join(" + ")} = S$$`;

test("a wide display equation scrolls and shows that it does", async ({ page }) => {
  const name = `math-display-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ds = importRows(name, [{
    problem: "Sum the terms $a_i$.", answer: "S", reference_solution: "Add them: $S$.",
    incorrect_attempt: `We write the sum out.\n\n${wide}\n\nSo the answer is $\\boxed{0}$.`,
  }]);
  await page.goto(`/datasets/${ds.datasetId}/traces/${ds.traces[0].id}`);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  const block = page.locator('[aria-label="Trace steps"] .math-block .katex-display').first();
  await expect(block).toBeVisible();
  const box = await block.evaluate((el) => ({
    scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX,
    // headless Chromium hides scrollbars (--hide-scrollbars), so the styled one is read from CSS
    bar: getComputedStyle(el, "::-webkit-scrollbar").height, thumb: getComputedStyle(el, "::-webkit-scrollbar-thumb").backgroundColor,
  }));
  expect(box.overflow).toBe("auto");
  expect(box.scroll).toBeGreaterThan(box.client + 100); // wider than the column...
  expect([box.bar, box.thumb]).toEqual(["6px", "rgb(148, 163, 184)"]); // ...with a scrollbar that is always drawn
  await block.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  expect(await block.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await block.screenshot({ path: "test-results/math-display-wide.png" });
});

// A full page load of a long trace: the server renders every step's math, and hydration keeps it
// (the browser must not throw it away and render it again in idle slices: the math flickered).
test("a long trace keeps the server's math through hydration", async ({ page }) => {
  test.setTimeout(90_000);
  const steps = Array.from({ length: 300 }, (_, i) => `Step ${i + 1}: $x_{${i}} = ${i}$ and $y_{${i}}^2 = ${i * i}$, so $\\frac{${i}}{2}$ follows.`);
  const name = `math-hydrate-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ds = importRows(name, [{ problem: "Long one: $z$.", answer: "1", reference_solution: "It is $1$.", incorrect_attempt: steps.join("\n\n") }]);
  await page.goto(`/datasets/${ds.datasetId}/traces/${ds.traces[0].id}`);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  const counts = () => page.evaluate(() => ({
    katex: document.querySelectorAll('[aria-label="Trace steps"] .katex').length,
    pending: document.querySelectorAll('[aria-label="Trace steps"] .md-pending').length,
  }));
  for (let i = 0; i < 8; i++) {
    expect(await counts()).toEqual({ katex: 900, pending: 0 });
    await page.waitForTimeout(250); // sampled over two seconds after hydration: the flicker showed there
  }
});
