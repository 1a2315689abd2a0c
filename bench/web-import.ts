// The large web import (issue 11 §4): the same synthetic JSONL (~500 MB at full scale) imported
// by the CLI's importer in its own process (the baseline) and uploaded to `next start` through
// POST /api/import (chunked, no Content-Length), in the same run. Measured: the server process's
// peak RSS (and, apart, the import process it forks) against the CLI's peak RSS, and dashboard
// page loads ("/", "/jobs") one after another from the first uploaded byte to the import's end.
import { createReadStream, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { runChild } from "./lib/child";
import { removeDb, scaled, tempDb } from "./lib/config";
import { ensureBuild, startServer } from "./lib/next-server";
import { sampleGroupRss } from "./lib/proc-rss";
import type { BenchLine } from "./lib/result";
import { round } from "./lib/stats";
import { writeJsonl } from "./lib/synthetic";
import { loadMs, percentile, sleep } from "./propose-fixtures";

type CliOut = { ms: number; counts: { traces: number }; peakRssMb: number };
type Progress = { phase: string; records: number; result: { ok: boolean; traces?: number; errors?: unknown[] } | null };

/** Streams `file` as a multipart upload with chunked transfer; resolves with the import id. */
function upload(base: string, file: string, dataset: string): Promise<string> {
  const boundary = "----bench-web-import";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="dataset"\r\n\r\n${dataset}\r\n--${boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\nint\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.jsonl"\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/import`,
      {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
      },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          res.statusCode === 202
            ? resolve(JSON.parse(body).importId)
            : reject(new Error(`upload: HTTP ${res.statusCode} ${body.slice(0, 300)}`)),
        );
      },
    );
    req.on("error", reject);
    req.write(head);
    const rs = createReadStream(file, { highWaterMark: 1 << 20 });
    rs.on("error", reject);
    rs.on("end", () => req.end(`\r\n--${boundary}--\r\n`));
    rs.pipe(req, { end: false });
  });
}

async function waitImport(base: string, id: string): Promise<Progress> {
  for (;;) {
    const r = await fetch(`${base}/api/import/${id}`, { cache: "no-store" });
    const p = ((await r.json()) as { import: Progress }).import;
    if (p.phase === "done" || p.phase === "failed") return p;
    await sleep(500);
  }
}

/** A fresh `next start` on a fresh database, warmed up, for `work`; stopped and removed after. */
async function withServer<T>(
  name: string,
  log: (s: string) => void,
  work: (base: string, pgid: number) => Promise<T>,
): Promise<T> {
  const db = tempDb(name);
  const server = await startServer(db.url, log);
  try {
    for (const p of ["/", "/jobs", "/import"]) await loadMs(server.base + p); // warm the routes
    return await work(server.base, server.pid!);
  } finally {
    await server.stop();
    removeDb(db.path);
  }
}

/** One web import: upload, poll to the end; server and import-process RSS sampled throughout. */
async function webImport(base: string, pgid: number, file: string, dataset: string, withPageLoads: boolean) {
  const sampler = sampleGroupRss(pgid, 100);
  const t0 = performance.now();
  let ended = false;
  const times: number[] = [];
  const loads = (async () => {
    while (withPageLoads && !ended)
      for (const p of ["/", "/jobs"]) times.push(await loadMs(base + p).catch(() => Infinity));
  })();
  const id = await upload(base, file, dataset);
  const uploadedS = (performance.now() - t0) / 1000;
  const uploadTimes = times.slice(); // loads that ended while the upload was streaming
  const done = await waitImport(base, id);
  const wallS = (performance.now() - t0) / 1000;
  ended = true;
  await loads;
  return { done, wallS, uploadedS, times, uploadTimes, peak: sampler.stop() };
}

export async function benchWebImport(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const n = scaled(100_000, 500);
  const file = `/tmp/int-bench-webimport-${n}.jsonl`;
  log(`webimport: writing ${n} synthetic rows to ${file}`);
  await writeJsonl(file, n);
  const size = statSync(file).size;
  log(`webimport: ${(size / 1e6).toFixed(0)} MB`);
  try {
    const cliDb = tempDb("webimport-cli");
    const cli = await runChild<CliOut>("workers/import-worker.ts", ["importer", file], { DATABASE_URL: cliDb.url });
    removeDb(cliDb.path);
    log(`webimport: CLI importer ${(cli.ms / 1000).toFixed(1)} s, peak RSS ${Math.round(cli.peakRssMb)} MB`);

    ensureBuild(log);
    // A: the import alone on a fresh server and database: what the web import costs in memory is
    // the server's growth over its warmed-up idle RSS (upload streaming) plus the import process
    // it forks, against the CLI's peak.
    const a = await withServer("webimport-a", log, async (base, pgid) => {
      await sleep(1000);
      const idle = sampleGroupRss(pgid, 100).stop();
      const run = await webImport(base, pgid, file, "bench-web-a", false);
      if (!run.done.result?.ok || run.done.result.traces !== n)
        throw new Error(`web import A ended ${run.done.phase}: ${JSON.stringify(run.done.result).slice(0, 400)}`);
      return { ...run, idle };
    });
    const idle = a.idle;
    const cost = a.peak.server - idle.server + a.peak.importChild;
    log(
      `webimport A (no page loads): ${a.wallS.toFixed(1)} s; server peak ${Math.round(a.peak.server)} MB (idle ${Math.round(idle.server)}), import process ${Math.round(a.peak.importChild)} MB`,
    );

    // Another fresh server and database. Control: the same page loads for 30 s with no import,
    // on the data B's loads will see (B's rows are invisible until it commits), so the machine's
    // own load is in the baseline. B: the file imported while "/" and "/jobs" are loaded one
    // after another.
    const { control, b } = await withServer("webimport-b", log, async (base, pgid) => {
      const control: number[] = [];
      for (const end = performance.now() + 30_000; performance.now() < end;)
        for (const p of ["/", "/jobs"]) control.push(await loadMs(base + p).catch(() => Infinity));
      log(
        `webimport control (no import): ${control.length} page loads p50 ${percentile(control, 0.5).toFixed(0)} p95 ${percentile(control, 0.95).toFixed(0)} ms`,
      );
      const b = await webImport(base, pgid, file, "bench-web-b", true);
      if (!b.done.result?.ok || b.done.result.traces !== n)
        throw new Error(`web import B ended ${b.done.phase}: ${JSON.stringify(b.done.result).slice(0, 400)}`);
      return { control, b };
    });
    const t = b.times;
    const p95 = percentile(t, 0.95);
    const p50 = percentile(t, 0.5);
    const max = Math.max(...t);
    log(
      `webimport B (with page loads): ${b.wallS.toFixed(1)} s; server peak ${Math.round(b.peak.server)} MB, import process ${Math.round(b.peak.importChild)} MB; ${t.length} page loads p50 ${p50.toFixed(0)} p95 ${p95.toFixed(0)} max ${max.toFixed(0)} ms`,
    );
    const mb = `${(size / 1e6).toFixed(0)} MB`;
    const ratio = cost / cli.peakRssMb;
    const lines: BenchLine[] = [
      {
        bench: `Web import ${n.toLocaleString("en")} traces (${mb} JSONL, chunked upload)`,
        metric: "memory the import costs: server growth over idle + its import process",
        value: `${Math.round(cost)} MB = server ${Math.round(idle.server)} -> ${Math.round(a.peak.server)} MB (+${Math.round(a.peak.server - idle.server)}) + import process ${Math.round(a.peak.importChild)} MB`,
        baseline: `${Math.round(cli.peakRssMb)} MB (CLI importer's peak RSS, same file)`,
        ratio: round(ratio),
        target: "<= 1.5",
        pass: ratio <= 1.5,
      },
      {
        bench: "Web import (same run)",
        metric: "server process peak RSS, absolute",
        value: `${Math.round(a.peak.server)} MB (idle before: ${Math.round(idle.server)} MB); with page loads during it (B): ${Math.round(b.peak.server)} MB`,
        baseline: `${Math.round(cli.peakRssMb)} MB (CLI importer)`,
        ratio: round(a.peak.server / cli.peakRssMb),
        target: "",
        pass: null,
      },
      {
        bench: "Web import (same run)",
        metric: "dashboard page loads during it",
        value: `${t.length} loads of / and /jobs: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${max.toFixed(0)} ms (while uploading: p95 ${percentile(b.uploadTimes, 0.95).toFixed(0)} ms of ${b.uploadTimes.length})`,
        baseline: `same loads, no import: p50 ${percentile(control, 0.5).toFixed(0)} ms, p95 ${percentile(control, 0.95).toFixed(0)} ms`,
        ratio: round(p95 / percentile(control, 0.95)),
        target: "p95 < 500 ms",
        pass: p95 < 500,
      },
      {
        bench: "Web import (same run)",
        metric: "wall time, first byte to summary",
        value: `${a.wallS.toFixed(1)} s (upload ${a.uploadedS.toFixed(1)} s); with page loads ${b.wallS.toFixed(1)} s`,
        baseline: `${(cli.ms / 1000).toFixed(1)} s (CLI importer)`,
        ratio: round(a.wallS / (cli.ms / 1000)),
        target: "",
        pass: null,
      },
    ];
    const pageLoads = {
      count: t.length,
      p50,
      p95,
      max,
      uploadP95: percentile(b.uploadTimes, 0.95),
      control: { count: control.length, p50: percentile(control, 0.5), p95: percentile(control, 0.95) },
    };
    return {
      lines,
      raw: {
        n,
        bytes: size,
        cli,
        idle,
        a: { ...a, done: undefined, times: undefined },
        b: { ...b, done: undefined, times: undefined, uploadTimes: undefined },
        pageLoads,
      },
    };
  } finally {
    rmSync(file, { force: true });
  }
}
