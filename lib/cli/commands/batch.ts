import { parseArgs } from "node:util";
import { findDatasetIdByName } from "@/lib/data/datasets";
import { exportSolve, exportVerify } from "@/lib/batch/export";
import { importResults } from "@/lib/batch/import";
import { exportRolloutBatch, importRolloutResults, isRolloutCustomId } from "@/lib/rollouts/batch";
import { isCondition } from "@/lib/core/rollouts/conditions";
import { ENDPOINT_ALIASES } from "@/lib/model/endpoints";
import { Turn1Mode } from "@/lib/propose/params";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

export const summary =
  "OpenAI Batch JSONL for a GPU cluster: export --stage solve|verify|rollouts|attempts --dataset NAME --out FILE | import FILE";

const USAGE = `usage: npm run int -- batch export --stage solve --dataset NAME --out FILE [--k 4] [--limit N] [--model NAME] [--again]
                 [--turn1 shared|independent] [--endpoint base|trained|proposer]
       npm run int -- batch export --stage verify --dataset NAME --out FILE [--batch ID]
       npm run int -- batch export --stage rollouts --dataset NAME --out FILE [--k 32] [--m 1] [--condition intervention,prefix,original,problem] [--limit N] [--model NAME]
       npm run int -- batch export --stage attempts --dataset NAME --out FILE [--n 4] [--limit N] [--model NAME]
       npm run int -- batch import RESULTS.jsonl
Run the exported file with e.g. \`vllm run-batch -i FILE -o RESULTS.jsonl --model MODEL\`, import the
results, then export the verify stage (built from the imported turn-1 answers), run it and import it.
--turn1 shared (default, as the reference): one solve line per trace, then one verify line per trace
with n=K; independent: K solve lines and K verify lines per trace.
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values: v, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      stage: { type: "string" },
      dataset: { type: "string" },
      out: { type: "string" },
      k: { type: "string" },
      limit: { type: "string" },
      model: { type: "string" },
      batch: { type: "string" },
      again: { type: "boolean" },
      n: { type: "string" },
      m: { type: "string" },
      condition: { type: "string" },
      turn1: { type: "string" },
      endpoint: { type: "string" },
    },
  });
  if (sub === "import") {
    const file = positionals[0];
    if (!file) return usage();
    if (await firstLineIsRollouts(file)) {
      const s = await importRolloutResults(file);
      process.stdout.write(
        `${s.lines} result line(s): ${s.stored} rollout(s) graded and stored, ${s.interventions} intervention(s) re-checked by the keep filter, ${s.failed.length} failed\n`,
      );
      for (const f of s.failed.slice(0, 20)) process.stdout.write(`  line ${f.line}: ${f.reason}\n`);
      return 0;
    }
    const s = await importResults(file);
    process.stdout.write(
      `${s.lines} result line(s): ${s.solve} turn-1 stored, ${s.verify} proposal(s) finished, ${s.unchanged} already imported, ${s.failed.length} failed\n`,
    );
    for (const f of s.failed.slice(0, 20))
      process.stdout.write(`  line ${f.line}${f.customId ? ` (${f.customId})` : ""}: ${f.reason}\n`);
    if (s.failed.length > 20) process.stdout.write(`  ... ${s.failed.length - 20} more\n`);
    return 0;
  }
  if (sub !== "export" || !v.dataset || !v.out || !["solve", "verify", "rollouts", "attempts"].includes(v.stage ?? ""))
    return usage();
  const id = await findDatasetIdByName(v.dataset);
  const ds = id === null ? null : { id };
  if (!ds) {
    process.stderr.write(`no dataset named ${JSON.stringify(v.dataset)}\n`);
    return 1;
  }
  if (v.stage === "rollouts" || v.stage === "attempts") {
    const num = (s?: string) => (s === undefined ? undefined : Number(s));
    const conditions = v.condition?.split(",");
    if (conditions?.some((c) => !isCondition(c))) return usage();
    const r = await exportRolloutBatch(v.stage, ds.id, v.out, {
      k: num(v.k),
      n: num(v.n),
      minCorrect: num(v.m),
      limit: num(v.limit),
      model: v.model,
      ...(conditions ? { conditions: conditions as ("intervention" | "prefix" | "original" | "problem")[] } : {}),
    });
    process.stdout.write(`batch ${r.batchId}: wrote ${r.lines} ${v.stage} request(s) to ${v.out}\n`);
  } else if (v.stage === "solve") {
    const num = (s?: string) => (s === undefined ? undefined : Number(s));
    const endpoint = ENDPOINT_ALIASES[v.endpoint ?? "base"];
    const turn1 = v.turn1 === undefined ? undefined : Turn1Mode.safeParse(v.turn1);
    if (!endpoint || (turn1 && !turn1.success)) return usage();
    const r = await exportSolve(ds.id, v.out, {
      k: num(v.k),
      limit: num(v.limit),
      model: v.model,
      skipDone: !v.again,
      endpoint,
      ...(turn1?.success ? { turn1: turn1.data } : {}),
    });
    process.stdout.write(`batch ${r.batchId}: wrote ${r.lines} turn-1 request(s) to ${v.out}\n`);
  } else {
    const r = await exportVerify(ds.id, v.out, { batchId: v.batch });
    process.stdout.write(
      `wrote ${r.lines} turn-2 request(s) to ${v.out}${r.batches.length ? ` (batch ${r.batches.join(", ")})` : " (import turn-1 results first)"}\n`,
    );
  }
  return 0;
}

function usage(): number {
  process.stderr.write(USAGE);
  return 2;
}

/** Rollouts/attempts results go to their own importer (a file holds one stage's results). */
async function firstLineIsRollouts(file: string): Promise<boolean> {
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      if (!line.trim()) continue;
      try {
        return isRolloutCustomId((JSON.parse(line) as { custom_id?: unknown }).custom_id);
      } catch {
        return false;
      }
    }
    return false;
  } finally {
    rl.close();
  }
}
