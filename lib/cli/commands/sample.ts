import { parseArgs } from "node:util";
import { cliActor } from "@/lib/cli/cli-actor";
import { jobParamsText } from "@/lib/data/jobs";
import { countSampledTraces } from "@/lib/data/traces";
import { formatPercent } from "@/lib/core/rollouts/summary";
import { datasetRolloutSummary } from "@/lib/data/rollouts";
import { startSampleJob } from "@/lib/rollouts/start";
import { runJob, samplingArgs, SAMPLING_OPTIONS } from "@/lib/rollouts/cli-job";
import { datasetArg } from "@/lib/cli/dataset-arg";
import { ENDPOINT_IDS, EndpointId } from "@/lib/model/endpoints";

export const summary =
  "sample attempts per problem, keep the incorrect ones as traces: --dataset NAME [--n 4] [--endpoint model|trained]";

const USAGE = `usage: npm run int -- sample --dataset NAME [--endpoint model|trained] [--n 4] [--without-traces] [--limit N]
                 [--concurrency 8] [--temperature 0.7] [--top-p 0.8] [--top-k 20] [--max-tokens 16384]
N attempts per problem from the problem alone (method.md §1), graded against the problem's answer;
the incorrect ones become traces (origin "sampled", generator = the model's name) to curate.
--endpoint model    the base model (MODEL_BASE_URL / MODEL_NAME, or /settings), the default
--endpoint trained  the InT-trained model (TRAINED_MODEL_BASE_URL / TRAINED_MODEL_NAME, or "Trained model"
                    on /settings): its traces sit next to the base model's on the Compare page.
Prints pass@k of this model's attempts.
`;

export async function run(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      dataset: { type: "string" },
      endpoint: { type: "string" },
      n: { type: "string" },
      limit: { type: "string" },
      concurrency: { type: "string" },
      "without-traces": { type: "boolean" },
      help: { type: "boolean" },
      ...SAMPLING_OPTIONS,
    },
  });
  const endpoint = EndpointId.safeParse(v.endpoint ?? "model");
  if (!endpoint.success) {
    process.stderr.write(`unknown --endpoint ${JSON.stringify(v.endpoint)}: use ${ENDPOINT_IDS.join(" or ")}\n`);
    return 2;
  }
  const ds = await datasetArg(v, USAGE);
  if (typeof ds === "number") return ds;
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const started = await startSampleJob({
    datasetId: ds.id,
    endpoint: endpoint.data,
    actor: cliActor(),
    n: num(v.n),
    limit: num(v.limit),
    concurrency: num(v.concurrency),
    withoutTraces: v["without-traces"] === true,
    sampling: samplingArgs(v),
  });
  const code = await runJob(started, "problem(s) to sample");
  if (code !== 0 || !started.ok) return code;
  // this model's attempts only: a dataset can hold attempts of the base and the trained model
  const model = String((JSON.parse((await jobParamsText(started.jobId)) ?? "{}") as { model?: unknown }).model ?? "");
  const att = (await datasetRolloutSummary(ds.id, { model })).find((r) => r.condition === "attempt");
  const traces = await countSampledTraces(ds.id, model);
  if (att) {
    process.stdout.write(
      `${model}: ${att.rollouts} attempt(s), ${att.correct} correct (${formatPercent(att.accuracy)}); ${traces} incorrect attempt(s) kept as traces\n`,
    );
    process.stdout.write(`pass@k: ${att.passAtK.map((p) => `@${p.k} ${formatPercent(p.value)}`).join("  ")}\n`);
  }
  return 0;
}
