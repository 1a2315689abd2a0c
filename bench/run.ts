// `npm run bench`: every benchmark of the issues, each against a baseline measured in the same
// run. BENCH_SCALE=full (default, the README's numbers) or e.g. 0.05 for a quick run;
// BENCH_ONLY=import,export,page,review,...,webimport,hostile,speed,queues picks some. Writes bench/out/results.json and prints
// a Markdown table for the README.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { scale, selected } from "./lib/config";
import { markdownTable, type BenchLine } from "./lib/result";
import { benchImport } from "./import";
import { benchExport } from "./export";
import { benchTracePage } from "./trace-page";
import { benchReviewLoop } from "./review-loop";
import { run as benchRolloutJob } from "./rollout-job";
import { benchProposeJobLines } from "./propose-lines";
import { benchAnalysis } from "./analysis";
import { benchTokenizedExport } from "./tokenized-export";
import { benchGrade } from "./grade";
import { benchWebImport } from "./web-import";
import { benchHostilePage } from "./hostile-page";
import { benchTeamSpeed } from "./team-speed";
import { run as benchAgreement } from "./agreement";
import { benchQueueLoad } from "./queue-load";

const BENCHES = [
  { name: "import", title: "Import", run: benchImport },
  { name: "export", title: "Export", run: benchExport },
  { name: "page", title: "Trace page", run: benchTracePage },
  { name: "review", title: "Review loop", run: benchReviewLoop },
  // The job benches run in a child process on their own scratch database.
  { name: "rollouts", title: "Rollout job", run: benchRolloutJob },
  { name: "analysis", title: "Analysis page", run: benchAnalysis },
  { name: "grade", title: "Answer grading", run: benchGrade },
  { name: "tokens", title: "Tokenized export", run: benchTokenizedExport },
  { name: "propose", title: "Propose job", run: benchProposeJobLines },
  { name: "webimport", title: "Web import", run: benchWebImport },
  { name: "hostile", title: "Hostile pages", run: benchHostilePage },
  { name: "speed", title: "Team speed (search, list, analysis)", run: benchTeamSpeed },
  { name: "agreement", title: "Analysis agreement (issue 13 §3)", run: benchAgreement },
  { name: "queues", title: "Work queue load (20 annotators, restart)", run: benchQueueLoad },
] as {
  name: string;
  title: string;
  run: (log: (s: string) => void) => Promise<{ lines: BenchLine[]; raw: unknown }>;
}[];

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

const lines: BenchLine[] = [];
const raw: Record<string, unknown> = {};
let failed = false;
for (const b of BENCHES) {
  if (!selected(b.name)) continue;
  log(`--- ${b.title}`);
  try {
    const r = await b.run(log);
    lines.push(...r.lines);
    raw[b.name] = r.raw;
  } catch (e) {
    failed = true;
    const message = e instanceof Error ? e.message : String(e);
    log(`${b.title} could not run: ${message}`);
    lines.push({
      bench: b.title,
      metric: "",
      value: "",
      baseline: "",
      ratio: null,
      target: "",
      pass: null,
      note: message.split("\n")[0].slice(0, 160),
    });
    raw[b.name] = { error: message };
  }
}

const table = markdownTable(lines);
const meta = {
  date: new Date().toISOString(),
  scale: scale(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "",
  loadAverage: os.loadavg(),
};
mkdirSync(new URL("./out/", import.meta.url), { recursive: true });
writeFileSync(new URL("./out/results.json", import.meta.url), JSON.stringify({ meta, lines, raw }, null, 2) + "\n");
console.log(
  `\n${table}\n\n(scale ${meta.scale}${meta.scale === 1 ? ", full" : ": NOT the README's numbers"}; ${meta.cpus} CPUs, load ${meta.loadAverage.map((x) => x.toFixed(1)).join(" ")}; node ${meta.node})`,
);
if (failed || lines.some((l) => l.pass === false)) process.exitCode = 1;
