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

// A full page load of a long trace: the server renders every step's math, and hydration keeps it.
// The trace is as heavy as the bench's (400 steps, ~1,600 formulas, MBs of HTML), so the page is
// still streaming when React hydrates: a step must never go back to "as written" (pending) and the
// number of rendered formulas must never drop (the math flickered away and back).
// Known open bug (issue 14 §4, last bullet): under CPU load (reproduced with three busy-looping
// processes beside the server, and once in a full `npm test`), up to 260 of the later steps show
// as written after hydration and get their math again when idle. Without load it passes, on the
// code before this session too. Not found yet: memoising the step chunks and the marks did not
// help. Run it with `E2E_PORT=3100 npx playwright test e2e/math-display.spec.ts` and a few
// `node -e "for(;;){}" &` beside it; remove the fixme when it passes so.
test.fixme("a long trace keeps the server's math through hydration", async ({ page }) => {
  test.setTimeout(120_000);
  const step = (i: number) => `Step ${i + 1}: $x_{${i}} = \\frac{${i}}{${i + 1}} + \\sqrt{${i}}$, then $$\\begin{pmatrix} ${i} & 1 \\\\ 0 & ${i} \\end{pmatrix}^2 = \\begin{pmatrix} ${i * i} & ${2 * i} \\\\ 0 & ${i * i} \\end{pmatrix}$$ and $\\sum_{k=1}^{${i}} k = ${(i * (i + 1)) / 2}$ with $\\int_0^{${i}} t\\,dt$.`;
  const steps = Array.from({ length: 400 }, (_, i) => step(i));
  const name = `math-hydrate-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ds = importRows(name, [{ problem: "Long one: $z$.", answer: "1", reference_solution: "It is $1$.", incorrect_attempt: steps.join("\n\n") }]);
  const samples: { katex: number; pending: number; ready: boolean }[] = [];
  await page.goto(`/datasets/${ds.datasetId}/traces/${ds.traces[0].id}`, { waitUntil: "commit" });
  const end = Date.now() + 8_000;
  while (Date.now() < end) {
    samples.push(await page.evaluate(() => ({
      katex: document.querySelectorAll('[aria-label="Trace steps"] .katex').length,
      pending: document.querySelectorAll('[aria-label="Trace steps"] .md-pending').length,
      ready: !!document.querySelector("[data-ready='1']"),
    })));
    await page.waitForTimeout(50); // sampling the page as it streams and hydrates: the flicker lasted ~1 s
  }
  const last = samples[samples.length - 1];
  expect(last).toMatchObject({ pending: 0, ready: true });
  expect(last.katex).toBeGreaterThanOrEqual(1_600); // 4 inline formulas a step, all rendered
  expect(samples.filter((s) => s.pending > 0), "steps shown as written on a full page load").toEqual([]);
  const drops = samples.filter((s, i) => i > 0 && s.katex < samples[i - 1].katex);
  expect(drops, "rendered formulas disappeared").toEqual([]);
});
