// d) The review loop with N traces in the database: on a trace's review page, Shift+A ("accept
// the focused intervention, then go to the next trace") until the next trace's heading is on
// screen. Timed inside the page: keydown -> the frame after the new heading is in the DOM.
// Baseline in the same run, interleaved with the Shift+A presses: n (next trace, no decision),
// the same navigation without the decision, so a loaded machine shows in both.
import Database from "better-sqlite3";
import { launchChromium } from "./lib/browser";
import { removeDb, scaled, tempDb } from "./lib/config";
import { fill, range } from "./lib/fill";
import { ensureBuild, startServer } from "./lib/next-server";
import type { BenchLine } from "./lib/result";
import { median } from "./lib/stats";
import { syntheticRow } from "./lib/synthetic";

const PRESSES = 100; // 60 Shift+A, 40 n (the baseline); each half "reader", half "eager"
const isAccept = (j: number) => j % 5 < 3;
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
    // [Shift+A, n] x ["reader", "eager"]
    const times = {
      accept: { reader: [] as number[], eager: [] as number[] },
      n: { reader: [] as number[], eager: [] as number[] },
    };
    for (let j = 1; j < order.length; j++) {
      const expected = `Trace ${order[j].externalId}`;
      // The key handler is attached once the workspace has hydrated (it then sets data-ready).
      await page.locator('[data-mode][data-ready="1"]').waitFor({ timeout: 60_000 });
      // Two protocols, alternating: "reader" presses once the page is idle (a person reads a
      // trace before deciding, and the page fetches the next traces meanwhile); "eager" presses
      // the moment the page hydrates, before this page's own fetches can have finished (the
      // next trace's page was asked for one trace earlier: review-workspace.tsx).
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
      await page.keyboard.press(isAccept(j) ? "Shift+A" : "n");
      try {
        await page.waitForFunction(() => ((window as W).__bench?.t1 ?? 0) > 0, undefined, { timeout: 30_000 });
      } catch (e) {
        await page.screenshot({ path: "bench/out/review-loop-failure.png" });
        throw e;
      }
      const kind = times[isAccept(j) ? "accept" : "n"];
      (reader ? kind.reader : kind.eager).push(
        await page.evaluate(() => (window as W).__bench!.t1 - (window as W).__bench!.t0),
      );
    }
    // Accept-and-next saves in the background: give the last decisions time to land.
    const check = new Database(db.path, { readonly: true });
    const count = () =>
      (check.prepare("SELECT COUNT(*) AS c FROM Intervention WHERE status = 'accepted'").get() as { c: number }).c;
    const decided = Array.from({ length: PRESSES }, (_, i) => i + 1).filter(isAccept).length;
    let accepted = count();
    for (let i = 0; i < 100 && accepted < decided; i++) {
      await new Promise((r) => setTimeout(r, 100));
      accepted = count();
    }
    check.close();
    if (accepted !== decided) throw new Error(`expected ${decided} accepted interventions, found ${accepted}`);
    const stats = (xs: number[]) => ({
      med: median(xs),
      p90: [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)],
    });
    const a = { reader: stats(times.accept.reader), eager: stats(times.accept.eager) };
    const b = { reader: stats(times.n.reader), eager: stats(times.n.eager) };
    const ms = (x: { med: number; p90: number }) => `median ${Math.round(x.med)} ms (p90 ${Math.round(x.p90)} ms)`;
    log(
      `review: accept -> next trace median ${Math.round(a.reader.med)} ms (reader), ${Math.round(a.eager.med)} ms (eager)`,
    );
    log(
      `review: baseline n -> next trace median ${Math.round(b.reader.med)} ms (reader), ${Math.round(b.eager.med)} ms (eager)`,
    );
    const line = (who: "reader" | "eager", label: string): BenchLine => ({
      bench: `Review loop, ${n.toLocaleString("en")} traces in the DB`,
      metric: `Shift+A (accept, next trace) -> next trace shown, ${times.accept[who].length} presses, ${label}`,
      value: ms(a[who]),
      baseline: `n (next trace, no decision), ${times.n[who].length} presses interleaved: ${ms(b[who])}`,
      ratio: a[who].med / b[who].med,
      target: "median < 100 ms",
      pass: a[who].med < 100,
    });
    const lines = [line("reader", "pressed once the page is idle"), line("eager", "pressed the moment it hydrates")];
    return { lines, raw: { n, times } };
  } finally {
    await browser.close();
    await server.stop();
    removeDb(db.path);
  }
}
