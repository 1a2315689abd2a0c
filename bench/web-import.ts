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
    const req = request(`${base}/api/import`, { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => (res.statusCode === 202 ? resolve(JSON.parse(body).importId) : reject(new Error(`upload: HTTP ${res.statusCode} ${body.slice(0, 300)}`))));
    });
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
    const db = tempDb("webimport-server");
    const server = await startServer(db.url, log);
    try {
      for (const p of ["/", "/jobs", "/import"]) await loadMs(server.base + p); // warm the routes
      await sleep(1000);
      const rss = sampleGroupRss(server.pid!, 100);
      const idle = rss.stop();
      const sampler = sampleGroupRss(server.pid!, 100);
      const t0 = performance.now();
      let ended = false;
      const times: number[] = [];
      const loads = (async () => {
        while (!ended) for (const p of ["/", "/jobs"]) times.push(await loadMs(server.base + p).catch(() => Infinity));
      })();
      const id = await upload(server.base, file, "bench-web");
      const uploadedS = (performance.now() - t0) / 1000;
      log(`webimport: uploaded in ${uploadedS.toFixed(1)} s; importing...`);
      const done = await waitImport(server.base, id);
      const wallS = (performance.now() - t0) / 1000;
      ended = true;
      await loads;
      const peak = sampler.stop();
      if (!done.result?.ok || done.result.traces !== n) throw new Error(`web import ended ${done.phase}: ${JSON.stringify(done.result).slice(0, 400)}`);
      const p95 = percentile(times, 0.95);
      const p50 = percentile(times, 0.5);
      log(`webimport: done in ${wallS.toFixed(1)} s; server peak RSS ${Math.round(peak.server)} MB (idle ${Math.round(idle.server)}), import process ${Math.round(peak.importChild)} MB; ${times.length} page loads p50 ${p50.toFixed(0)} p95 ${p95.toFixed(0)} max ${Math.max(...times).toFixed(0)} ms`);
      const ratio = peak.server / cli.peakRssMb;
      const mb = `${(size / 1e6).toFixed(0)} MB`;
      const lines: BenchLine[] = [
        {
          bench: `Web import ${n.toLocaleString("en")} traces (${mb} JSONL, chunked upload)`,
          metric: "server peak RSS",
          value: `${Math.round(peak.server)} MB (idle before: ${Math.round(idle.server)} MB); the import process it forks: ${Math.round(peak.importChild)} MB`,
          baseline: `${Math.round(cli.peakRssMb)} MB (CLI importer, same file)`,
          ratio: round(ratio),
          target: "<= 1.5",
          pass: ratio <= 1.5,
        },
        {
          bench: "Web import (same run)",
          metric: "dashboard page loads during it",
          value: `${times.length} loads of / and /jobs: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
          baseline: "",
          ratio: null,
          target: "p95 < 500 ms",
          pass: p95 < 500,
        },
        {
          bench: "Web import (same run)",
          metric: "wall time, upload to summary",
          value: `${wallS.toFixed(1)} s (upload ${uploadedS.toFixed(1)} s)`,
          baseline: `${(cli.ms / 1000).toFixed(1)} s (CLI importer)`,
          ratio: round(wallS / (cli.ms / 1000)),
          target: "",
          pass: null,
        },
      ];
      return { lines, raw: { n, bytes: size, cli, idle, peak, wallS, uploadedS, pageLoads: { count: times.length, p50, p95, max: Math.max(...times) } } };
    } finally {
      await server.stop();
      removeDb(db.path);
    }
  } finally {
    rmSync(file, { force: true });
  }
}
