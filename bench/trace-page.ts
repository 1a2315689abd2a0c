// c) The review page of a trace with 400 steps and ~1,500 formulas: full server render through
// `next start` (all streamed chunks received) vs the baseline (same DB read + katex over the same
// formulas, bench/workers/page-baseline.ts); and in Chromium, the time from navigation start until
// the first step is laid out on screen.
import { startWorker } from "./lib/child";
import type { Page } from "@playwright/test";
import { launchChromium } from "./lib/browser";
import { removeDb, scaled, tempDb } from "./lib/config";
import { fill, range } from "./lib/fill";
import { ensureBuild, startServer } from "./lib/next-server";
import type { BenchLine } from "./lib/result";
import { median, round } from "./lib/stats";
import { longTrace, problemOf } from "./lib/synthetic";
import Database from "better-sqlite3";

const STEPS = 400;
const FORMULAS = 1_500;

export async function benchTracePage(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const pages = scaled(8, 3); // page 0 warms up, the others are measured
  const db = tempDb("page");
  const { datasetId } = fill(
    db.url,
    "bench-page",
    range(pages, (k) => ({
      id: `page-${k}`,
      ...problemOf(k),
      generator: "bench",
      incorrect_attempt: longTrace(0x9a9e + k, STEPS, FORMULAS),
      intervention: { content: "Instead, note that $x^2 \\ge 0$ for every real $x$.", location: 3 },
    })),
  );
  const sq = new Database(db.path, { readonly: true });
  const ids = (sq.prepare("SELECT id FROM Trace ORDER BY externalId").all() as { id: string }[]).map((r) => r.id);
  sq.close();
  ensureBuild(log);
  const server = await startServer(db.url, log);
  const browser = await launchChromium();
  try {
    const url = (id: string) => `${server.base}/datasets/${datasetId}/traces/${id}`;
    type BaseRun = { ms: number; dbMs: number; formulas: number; rendererMs: number };
    const worker = startWorker("workers/page-baseline.ts", { DATABASE_URL: db.url });
    const serverRuns: { ms: number; ttfbMs: number; bytes: number; katex: number }[] = [];
    const baseAll: BaseRun[] = [];
    const cachedRuns: number[] = [];
    try {
      // Interleaved page by page (server, then baseline), so both see the same machine load.
      for (const id of ids) {
        const t = performance.now();
        const res = await fetch(url(id));
        const ttfbMs = performance.now() - t;
        const html = await res.text();
        const ms = performance.now() - t;
        if (res.status !== 200 || !html.includes(`data-step="${STEPS}"`))
          throw new Error(`page ${id}: status ${res.status}, step ${STEPS} missing`);
        serverRuns.push({ ms, ttfbMs, bytes: html.length, katex: (html.match(/class="katex"/g) ?? []).length });
        baseAll.push(await worker.ask<BaseRun>(id));
      }
      // The same last page again, every formula now in the renderer's cache: what the page costs
      // without any KaTeX work (React, Next's streaming, gzip, Markdown, GC). Not a target; it
      // shows how much of the ratio rendering math could ever remove.
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const html = await (await fetch(url(ids[ids.length - 1]))).text();
        if (!html.includes(`data-step="${STEPS}"`)) throw new Error("cached page: last step missing");
        cachedRuns.push(performance.now() - t);
      }
    } finally {
      worker.stop();
    }
    const base = { runs: baseAll };
    const measured = serverRuns.slice(1);
    const baseRuns = base.runs.slice(1);
    const serverMs = median(measured.map((r) => r.ms));
    const baseMs = median(baseRuns.map((r) => r.ms));
    log(
      `page: server ${Math.round(serverMs)} ms vs baseline ${Math.round(baseMs)} ms (${baseRuns[0].formulas} formulas); every formula cached ${Math.round(median(cachedRuns))} ms`,
    );

    const firstStep = async (page: Page) => {
      const at = await page.waitForFunction(
        () => {
          const el = document.querySelector('[data-step="1"]');
          return el && el.getBoundingClientRect().height > 0 ? performance.now() : false;
        },
        undefined,
        { polling: "raf", timeout: 120_000 },
      );
      return (await at.jsonValue()) as number;
    };
    // Each load: navigation start -> step 1 laid out. The page fetches the next trace once it
    // has hydrated; that is let finish (untimed) so it does not compete with the next measured
    // load (which would be that very trace).
    // (1) The daily case: one tab, a full page load per trace (the browser process and the
    //     static assets are warm, as for anyone who has the studio open).
    const visible: number[] = [];
    const tab = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    for (const id of ids) {
      await tab.goto(url(id), { waitUntil: "commit", timeout: 120_000 });
      visible.push(await firstStep(tab));
      await tab.waitForLoadState("networkidle", { timeout: 120_000 });
    }
    // (1b) The review loop on long traces: from a trace's page, "n" -> the next trace's heading on
    //      screen (a client-side navigation; the page prefetched it once idle). Timed in the page.
    const navMs: number[] = [];
    await tab.goto(url(ids[0]), { waitUntil: "commit", timeout: 120_000 });
    for (let j = 1; j < ids.length; j++) {
      await tab.locator('[data-mode][data-ready="1"]').waitFor({ timeout: 120_000 });
      await tab.waitForLoadState("networkidle", { timeout: 120_000 });
      await tab.evaluate(`(() => {
        const before = document.querySelector("h1")?.textContent;
        const b = (window.__nav = { t0: 0, t1: 0 });
        document.addEventListener("keydown", () => { b.t0 ||= performance.now(); }, { capture: true, once: true });
        const mo = new MutationObserver(() => {
          const h = document.querySelector("h1")?.textContent;
          if (!h || h === before) return;
          mo.disconnect();
          requestAnimationFrame(() => { b.t1 = performance.now(); });
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      })()`);
      await tab.keyboard.press("n");
      const nav = await tab.waitForFunction(
        () => {
          const b = (window as Window & { __nav?: { t0: number; t1: number } }).__nav;
          return b && b.t1 > 0 ? b.t1 - b.t0 : false;
        },
        undefined,
        { timeout: 60_000 },
      );
      navMs.push((await nav.jsonValue()) as number);
    }
    await tab.context().close();
    // (2) Cold: a fresh browser context per trace (renderer start-up and asset downloads count).
    const cold: number[] = [];
    for (const id of ids) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(url(id), { waitUntil: "commit", timeout: 120_000 });
      cold.push(await firstStep(page));
      await page.waitForLoadState("networkidle", { timeout: 120_000 });
      await ctx.close();
    }
    const coldMs = median(cold.slice(1));
    const visibleMs = median(visible.slice(1));
    // After hydration the server's math must still be there (the client does not re-render it).
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(url(ids[ids.length - 1]), { waitUntil: "load", timeout: 180_000 });
    await page.locator('[data-mode][data-ready="1"]').waitFor({ timeout: 120_000 }); // hydrated
    const katexInDom = await page.evaluate(() => document.querySelectorAll(".md .katex").length);
    await page.screenshot({ path: "bench/out/trace-page.png" });
    await ctx.close();
    if (katexInDom < baseRuns[0].formulas)
      throw new Error(`after hydration ${katexInDom} formulas are on the page, expected ${baseRuns[0].formulas}`);
    log(`page: n -> next trace shown ${navMs.map(Math.round).join(", ")} ms`);
    log(
      `page: first step visible after ${Math.round(visibleMs)} ms in a warm tab, ${Math.round(coldMs)} ms in a fresh context (medians)`,
    );
    const ratio = serverMs / baseMs;
    const lines: BenchLine[] = [
      {
        bench: `Trace page, ${STEPS} steps / ${baseRuns[0].formulas} formulas`,
        metric: "server render (next start, full streamed HTML)",
        value: `${Math.round(serverMs)} ms (${(median(measured.map((r) => r.bytes)) / 1e6).toFixed(1)} MB HTML)`,
        baseline: `${Math.round(baseMs)} ms (DB read ${Math.round(median(baseRuns.map((r) => r.dbMs)))} ms + katex.renderToString of every formula)`,
        ratio: round(ratio),
        // Issue 15 §4: the first-view server render is accepted as measured (2.5-4.4x the bare KaTeX + read
        // baseline; 1.4x with the formula cache warm); the row stays so a regression shows, with no target.
        target: "accepted as measured",
        pass: null,
      },
      {
        bench: `Trace page, ${STEPS} steps, again with every formula cached`,
        metric: "server render without KaTeX work (not a target: the part math rendering cannot remove)",
        value: `${Math.round(median(cachedRuns))} ms`,
        baseline: `${Math.round(baseMs)} ms (as above)`,
        ratio: round(median(cachedRuns) / baseMs),
        target: "",
        pass: null,
      },
      {
        bench: `Review loop on ${STEPS}-step traces (same run)`,
        metric: "n -> next trace's heading on screen (client-side navigation; later steps' math follows when idle)",
        value: `median ${Math.round(median(navMs.slice(1)))} ms`,
        baseline: "",
        ratio: null,
        target: "",
        pass: null,
      },
      {
        bench: "Trace page in Chromium (same run)",
        metric: "navigation start -> first step laid out (full page load in an open tab)",
        value: `${Math.round(visibleMs)} ms (in a fresh browser context: ${Math.round(coldMs)} ms)`,
        baseline: "",
        ratio: null,
        target: "< 1500 ms",
        pass: visibleMs < 1500,
      },
    ];
    return {
      lines,
      raw: {
        pages: ids.length,
        server: serverRuns,
        cachedMs: cachedRuns,
        navMs,
        baseline: base.runs,
        visibleMs: visible,
        coldVisibleMs: cold,
        katexInDomAfterHydration: katexInDom,
      },
    };
  } finally {
    await browser.close();
    await server.stop();
    removeDb(db.path);
  }
}
