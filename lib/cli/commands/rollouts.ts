import { parseArgs } from "node:util";
import { cliActor } from "@/lib/cli/cli-actor";
import { CONDITIONS, isCondition } from "@/lib/core/rollouts/conditions";
import { formatPercent } from "@/lib/core/rollouts/summary";
import { datasetRolloutSummary } from "@/lib/data/rollouts";
import { startRolloutsJob } from "@/lib/rollouts/start";
import { runJob, samplingArgs, SAMPLING_OPTIONS } from "@/lib/rollouts/cli-job";
import { datasetArg } from "@/lib/cli/dataset-arg";

export const summary =
  "rollouts from interventions (keep filter, Table 1): --dataset NAME [--k 32] [--condition intervention|prefix|original|problem] | --summary";

const USAGE = `usage: npm run int -- rollouts --dataset NAME [--k 32] [--m 1] [--condition ${CONDITIONS.join("|")}[,...]]
                 [--status proposed,accepted,edited] [--limit N] [--concurrency 8] [--per-item 8]
                 [--temperature 0.7] [--top-p 0.8] [--top-k 20] [--max-tokens 16384]
       npm run int -- rollouts --dataset NAME --summary     accuracy, coverage and pass@k per condition
K continuations per intervention (method.md §6); an intervention is verified when at least M of
its "intervention" rollouts are correct. Uses MODEL_BASE_URL / MODEL_NAME (or /settings).
`;

export async function run(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      dataset: { type: "string" },
      k: { type: "string" },
      m: { type: "string" },
      condition: { type: "string" },
      status: { type: "string" },
      limit: { type: "string" },
      concurrency: { type: "string" },
      "per-item": { type: "string" },
      summary: { type: "boolean" },
      help: { type: "boolean" },
      ...SAMPLING_OPTIONS,
    },
  });
  const ds = await datasetArg(v, USAGE);
  if (typeof ds === "number") return ds;
  if (!v.summary) {
    const conditions = (v.condition ?? "intervention").split(",");
    const badCondition = conditions.find((c) => !isCondition(c));
    if (badCondition) {
      process.stderr.write(`unknown condition "${badCondition}" (use ${CONDITIONS.join(", ")})\n`);
      return 2;
    }
    const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
    const started = await startRolloutsJob({
      datasetId: ds.id,
      actor: cliActor(),
      k: num(v.k),
      minCorrect: num(v.m),
      limit: num(v.limit),
      conditions: conditions as (typeof CONDITIONS)[number][],
      concurrency: num(v.concurrency),
      perItem: num(v["per-item"]),
      ...(v.status ? { statuses: v.status.split(",") } : {}),
      sampling: samplingArgs(v),
    });
    const code = await runJob(started, "rollout item(s) (condition x intervention)");
    if (code !== 0) return code;
  }
  printSummary(await datasetRolloutSummary(ds.id));
  return 0;
}

function printSummary(rows: Awaited<ReturnType<typeof datasetRolloutSummary>>) {
  if (rows.length === 0) return void process.stdout.write("no rollouts yet\n");
  process.stdout.write(
    `${"condition".padEnd(14)}${"rollouts".padStart(10)}${"accuracy".padStart(11)}${"coverage".padStart(16)}  pass@k\n`,
  );
  for (const r of rows) {
    const pk = r.passAtK.map((p) => `@${p.k} ${formatPercent(p.value)}`).join("  ");
    process.stdout.write(
      `${r.condition.padEnd(14)}${String(r.rollouts).padStart(10)}${formatPercent(r.accuracy).padStart(11)}${`${r.covered}/${r.problems}`.padStart(16)}  ${pk}\n`,
    );
  }
}
