import { expect, test, type Page } from "@playwright/test";
import { importRows, query } from "./propose-fixtures";

// Accept -> next under 100 ms (issue 15 §4): the review screen fetches the pages of the next TWO
// traces ahead, so a decision made the moment a trace appears shows a page the browser already
// holds; and moving to another trace starts at the top of the page without Next's scroll
// handling (which lays the new trace out inside the commit).
const DATASET = `accept-ahead-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

// Long enough to scroll: 60 steps.
const attempt = (tag: string) =>
  Array.from({ length: 60 }, (_, i) => `${tag} step ${i + 1}: we have $x_{${i}} = ${i}^2 + 1$.`).join("\n\n");
const row = (i: number) => ({
  problem: `Ahead ${i}: compute $${i}+${i}$.`,
  answer: String(2 * i),
  reference_solution: `$${i}+${i}=\\boxed{${2 * i}}$.`,
  incorrect_attempt: attempt(`T${i}`),
  intervention: { content: `Add carefully: $${i}+${i}=${2 * i}$.`, location: 2 },
});

/** Every request the page makes for one of the traces' review pages, in order, with the trace it asked for. */
function pageRequests(page: Page, traceIds: string[]): { trace: number; at: number }[] {
  const seen: { trace: number; at: number }[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    const i = traceIds.findIndex((id) => path.endsWith(`/traces/${id}`));
    if (i >= 0) seen.push({ trace: i, at: Date.now() });
  });
  return seen;
}

test("accept-and-next shows pages fetched two traces ahead, each starting at the top", async ({ page }) => {
  const own = importRows(DATASET, [1, 2, 3, 4].map(row), "id");
  const ids = own.traces.map((t) => t.id);
  const url = (i: number) => `/datasets/${own.datasetId}/traces/${ids[i]}`;
  const requests = pageRequests(page, ids);

  await page.setViewportSize({ width: 1400, height: 700 });
  await page.goto(url(0));
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  // Before any key: the next trace's page AND the one after it are asked for.
  await expect.poll(() => new Set(requests.map((r) => r.trace))).toEqual(new Set([0, 1, 2]));

  // Read down the trace, then accept and move on: the next trace starts at the top.
  await page.evaluate(() => window.scrollTo(0, 2000));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await page.keyboard.press("Shift+A");
  await expect(page).toHaveURL(new RegExp(`${url(1)}$`));
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // Decide the moment trace 2 appears: trace 3's page was fetched while trace 1 was shown, so
  // the browser does not ask the server for it again.
  const pressedAt = Date.now();
  await page.evaluate(() => window.scrollTo(0, 1500));
  await page.keyboard.press("Shift+A");
  await expect(page).toHaveURL(new RegExp(`${url(2)}$`));
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(requests.filter((r) => r.trace === 2 && r.at >= pressedAt)).toEqual([]);

  // n moves the same way.
  await page.evaluate(() => window.scrollTo(0, 1500));
  await page.keyboard.press("n");
  await expect(page).toHaveURL(new RegExp(`${url(3)}$`));
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.screenshot({ path: "test-results/accept-ahead-arrived.png" });

  // Nothing curated is lost: both decisions saved in the background.
  await expect
    .poll(() =>
      query<{ status: string }>(
        `SELECT status FROM Intervention WHERE traceId IN (?, ?) ORDER BY traceId`,
        ids[0],
        ids[1],
      ).map((r) => r.status),
    )
    .toEqual(["accepted", "accepted"]);
});

test("the decision sent in the background never re-renders the trace being left", async ({ page }) => {
  // An urgent update (the outbox's "Saving…" note, and its removal when the save came back) used
  // to render on the old trace while the next one was rendering, which made React start that
  // render again: Shift+A -> next took twice as long as n -> next. It now rides with the navigation.
  const own = importRows(`${DATASET}-urgent`, [5, 6, 7].map(row), "id");
  const ids = own.traces.map((t) => t.id);
  await page.goto(`/datasets/${own.datasetId}/traces/${ids[0]}`);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => {
    const w = window as Window & { __onOld?: string[] };
    const old = document.querySelector("h1")?.textContent;
    w.__onOld = [];
    new MutationObserver(() => {
      if (document.querySelector("h1")?.textContent !== old) return;
      const note = document.querySelector("[data-testid='outbox-saving'], [data-testid='outbox-failed']");
      if (note) w.__onOld!.push(note.textContent ?? "");
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.keyboard.press("Shift+A");
  await expect(page).toHaveURL(new RegExp(`/traces/${ids[1]}$`));
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  expect(await page.evaluate(() => (window as Window & { __onOld?: string[] }).__onOld)).toEqual([]);
  await expect
    .poll(() => query<{ status: string }>(`SELECT status FROM Intervention WHERE traceId = ?`, ids[0])[0]?.status)
    .toBe("accepted");
});
