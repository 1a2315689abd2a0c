import { expect, test } from "@playwright/test";
import { importRows } from "./propose-fixtures";

// Journey: math where it appears on the review screen. A display equation wider than its column
// scrolls sideways and shows a scrollbar (it used to be clipped with nothing to say so).
test.use({ viewport: { width: 1280, height: 900 } });

const wide = `$$${Array.from({ length: 60 }, (_, i) => `a_{${i + 1}}`).join(" + ")} = S$$`;

test("a wide display equation scrolls and shows that it does", async ({ page }) => {
  const name = `math-display-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ds = importRows(name, [
    {
      problem: "Sum the terms $a_i$.",
      answer: "S",
      reference_solution: "Add them: $S$.",
      incorrect_attempt: `We write the sum out.\n\n${wide}\n\nSo the answer is $\\boxed{0}$.`,
    },
  ]);
  await page.goto(`/datasets/${ds.datasetId}/traces/${ds.traces[0].id}`);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  const block = page.locator('[aria-label="Trace steps"] .math-block .katex-display').first();
  await expect(block).toBeVisible();
  const box = await block.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    overflow: getComputedStyle(el).overflowX,
    // headless Chromium hides scrollbars (--hide-scrollbars), so the styled one is read from CSS
    bar: getComputedStyle(el, "::-webkit-scrollbar").height,
    thumb: getComputedStyle(el, "::-webkit-scrollbar-thumb").backgroundColor,
  }));
  expect(box.overflow).toBe("auto");
  expect(box.scroll).toBeGreaterThan(box.client + 100); // wider than the column...
  expect([box.bar, box.thumb]).toEqual(["6px", "rgb(148, 163, 184)"]); // ...with a scrollbar that is always drawn
  await block.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  expect(await block.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await block.screenshot({ path: "test-results/math-display-wide.png" });
});

// A full page load of a long trace: the server renders every step's math, and hydration keeps it.
// The trace is as heavy as the bench's (400 steps, ~1,600 formulas, MBs of HTML), so the page is
// still streaming when React hydrates: a step must never go back to "as written" (pending) and the
// number of rendered formulas must never drop (the math flickered away and back).
// Issue 14 §4: under CPU load (three `node -e "for(;;){}"` beside the server) up to 260 later steps
// showed as written after hydration: a review-context change on mount reached the step chunks'
// Suspense boundaries before they had hydrated, and React rendered them again in the browser
// (components/review/review-workspace.tsx says how that is kept from happening).
test("a long trace keeps the server's math through hydration", async ({ page }) => {
  test.setTimeout(120_000);
  const step = (i: number) =>
    `Step ${i + 1}: $x_{${i}} = \\frac{${i}}{${i + 1}} + \\sqrt{${i}}$, then $$\\begin{pmatrix} ${i} & 1 \\\\ 0 & ${i} \\end{pmatrix}^2 = \\begin{pmatrix} ${i * i} & ${2 * i} \\\\ 0 & ${i * i} \\end{pmatrix}$$ and $\\sum_{k=1}^{${i}} k = ${(i * (i + 1)) / 2}$ with $\\int_0^{${i}} t\\,dt$.`;
  const steps = Array.from({ length: 400 }, (_, i) => step(i));
  const name = `math-hydrate-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ds = importRows(name, [
    { problem: "Long one: $z$.", answer: "1", reference_solution: "It is $1$.", incorrect_attempt: steps.join("\n\n") },
  ]);
  // Every change to the page is sampled from the first byte (a MutationObserver installed before
  // the document exists), so a flicker between two samples cannot be missed.
  await page.addInitScript(() => {
    const w = window as unknown as {
      __samples: { katex: number; pending: number; ready: boolean }[];
      __readyAt?: number;
    };
    w.__samples = [];
    const sample = () => {
      const ready = !!document.querySelector("[data-ready='1']");
      if (ready) w.__readyAt ??= performance.now();
      w.__samples.push({
        katex: document.querySelectorAll('[aria-label="Trace steps"] .katex').length,
        pending: document.querySelectorAll('[aria-label="Trace steps"] .md-pending').length,
        ready,
      });
    };
    new MutationObserver(sample).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["class", "data-ready"],
    });
  });
  await page.goto(`/datasets/${ds.datasetId}/traces/${ds.traces[0].id}`, { waitUntil: "commit" });
  // Hydrated, every step rendered, and 2 s more for what hydration's effects could still undo.
  await page
    .waitForFunction(
      () => {
        const w = window as unknown as { __samples: { katex: number; pending: number }[]; __readyAt?: number };
        const last = w.__samples[w.__samples.length - 1];
        return (
          w.__readyAt !== undefined &&
          performance.now() - w.__readyAt > 2_000 &&
          last?.pending === 0 &&
          last.katex >= 1_600
        );
      },
      undefined,
      { timeout: 90_000 },
    )
    .catch(() => undefined); // the assertions below say what was missing
  const samples = await page.evaluate(
    () => (window as unknown as { __samples: { katex: number; pending: number; ready: boolean }[] }).__samples,
  );
  const last = samples[samples.length - 1];
  expect(last).toMatchObject({ pending: 0, ready: true });
  expect(last.katex).toBeGreaterThanOrEqual(1_600); // 4 inline formulas a step, all rendered
  const pending = samples.filter((s) => s.pending > 0);
  expect(
    pending.slice(0, 3),
    `steps shown as written on a full page load (${pending.length} of ${samples.length} samples)`,
  ).toEqual([]);
  const drops = samples.filter((s, i) => i > 0 && s.katex < samples[i - 1].katex);
  expect(drops.slice(0, 3), `rendered formulas disappeared (${drops.length} times)`).toEqual([]);
});
