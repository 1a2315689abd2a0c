// d) The review loop with N traces in the database: on a trace's review page, Shift+A ("accept
// the focused intervention, then go to the next trace") until the next trace's heading is on
// screen. Timed inside the page: keydown -> the frame after the new heading is in the DOM.
import Database from "better-sqlite3";
import { launchChromium } from "./lib/browser";
import { removeDb, scaled, tempDb } from "./lib/config";
import { fill, range } from "./lib/fill";
import { ensureBuild, startServer } from "./lib/next-server";
import type { BenchLine } from "./lib/result";
import { median } from "./lib/stats";
import { syntheticRow } from "./lib/synthetic";

const PRESSES = 60; // half "reader", half "eager"
type W = Window & { __bench?: { t0: number; t1: number } };

export async function benchReviewLoop(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const n = scaled(100_000, 500);
  const db = tempDb("review");
  log(`review: filling ${db.path} with ${n} traces (real import writer, not timed)`);
  const { datasetId } = fill(db.url, "bench-review", range(n, syntheticRow));
  const sq = new Database(db.path, { readonly: true });
  const order = sq
    .prepare("SELECT id, externalId FROM Trace WHERE datasetId = ? ORDER BY id LIMIT ? OFFSET ?")
    .all(datasetId, PRESSES + 1, Math.floor(n / 2)) as { id: string; externalId: string }[];
  sq.close();
  ensureBuild(log);
  const server = await startServer(db.url, log);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`${server.base}/datasets/${datasetId}/traces/${order[0].id}`);
    await page.getByRole("heading", { name: `Trace ${order[0].externalId}`, exact: true }).waitFor();
    const times: number[] = []; // "reader" presses
    const eager: number[] = [];
    for (let j = 1; j < order.length; j++) {
      const expected = `Trace ${order[j].externalId}`;
      // The key handler is attached once the workspace has hydrated (it then sets data-ready).
      await page.locator('[data-mode][data-ready="1"]').waitFor({ timeout: 60_000 });
      // Two protocols, alternating: "reader" presses once the page is idle (a person reads a
      // trace before deciding, and the page fetches the next trace meanwhile); "eager" presses
      // the moment the page hydrates, before that fetch can have finished.
      const reader = j % 2 === 0;
      if (reader) await page.waitForLoadState("networkidle");
      // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
      await page.evaluate(`(() => {
        const want = ${JSON.stringify(expected)};
        const b = (window.__bench = { t0: 0, t1: 0 });
        document.addEventListener("keydown", () => { b.t0 ||= performance.now(); }, { capture: true, once: true });
        const mo = new MutationObserver(() => {
          if (![...document.querySelectorAll("h1")].some((h) => h.textContent === want)) return;
          mo.disconnect();
          requestAnimationFrame(() => { b.t1 = performance.now(); });
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      })()`);
      await page.keyboard.press("Shift+A");
      try {
        await page.waitForFunction(() => ((window as W).__bench?.t1 ?? 0) > 0, undefined, { timeout: 30_000 });
      } catch (e) {
        await page.screenshot({ path: "bench/out/review-loop-failure.png" });
        throw e;
      }
      (reader ? times : eager).push(await page.evaluate(() => (window as W).__bench!.t1 - (window as W).__bench!.t0));
    }
    // Accept-and-next saves in the background: give the last decisions time to land.
    const check = new Database(db.path, { readonly: true });
    const count = () =>
      (check.prepare("SELECT COUNT(*) AS c FROM Intervention WHERE status = 'accepted'").get() as { c: number }).c;
    let accepted = count();
    for (let i = 0; i < 100 && accepted < PRESSES; i++) {
      await new Promise((r) => setTimeout(r, 100));
      accepted = count();
    }
    check.close();
    if (accepted !== PRESSES) throw new Error(`expected ${PRESSES} accepted interventions, found ${accepted}`);
    const stats = (xs: number[]) => ({
      med: median(xs),
      p90: [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)],
    });
    const r = stats(times);
    const e = stats(eager);
    log(`review: accept -> next trace median ${Math.round(r.med)} ms (reader), ${Math.round(e.med)} ms (eager)`);
    const line = (who: string, x: { med: number; p90: number }, k: number): BenchLine => ({
      bench: `Review loop, ${n.toLocaleString("en")} traces in the DB`,
      metric: `Shift+A (accept, next trace) -> next trace shown, ${k} presses, ${who}`,
      value: `median ${Math.round(x.med)} ms (p90 ${Math.round(x.p90)} ms)`,
      baseline: "",
      ratio: null,
      target: "median < 200 ms",
      pass: x.med < 200,
    });
    const lines = [
      line("pressed once the page is idle", r, times.length),
      line("pressed the moment it hydrates", e, eager.length),
    ];
    return { lines, raw: { n, reader: times, eager } };
  } finally {
    await browser.close();
    await server.stop();
    removeDb(db.path);
  }
}
