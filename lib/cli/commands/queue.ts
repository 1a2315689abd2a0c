import { cliActor } from "@/lib/cli/cli-actor";
import { parseArgs } from "node:util";
import { findDatasetIdByName, listDatasetsOldestFirst } from "@/lib/data/datasets";
import { parseFilterText, splitNames, QUEUE_TASKS } from "@/lib/core/queues/config";
import { createQueue, listQueues } from "@/lib/data/queues";
import { queueProgress } from "@/lib/data/queue-progress";

export const summary =
  "work queues: create --dataset NAME --task label|review|adjudicate --overlap N ... | list [--dataset NAME]";

const USAGE = `usage: npm run int -- queue create --dataset NAME --task label|review|adjudicate --overlap N
         [--name TEXT] [--assign a,b] [--reserve-minutes M] [--filter "status=todo&generator=..."]
         [--order filter|triage] [--blind on|off] [--vs-model] [--vs-imported] [--as NAME]
       npm run int -- queue list [--dataset NAME]
  --filter takes the trace list's URL filters (status, labelled, intervention, generator, answer, imported, q).
  --assign: only these people may work it (default: anyone). --blind off shows other labels while labelling.
  --vs-model / --vs-imported (adjudicate): a person's label that differs from the model's / imported label also counts.
`;

const err = (s: string) => (process.stderr.write(s.endsWith("\n") ? s : s + "\n"), 1);

export async function run(argv: string[]): Promise<number> {
  const {
    values: v,
    positionals: [cmd],
  } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dataset: { type: "string" },
      task: { type: "string" },
      overlap: { type: "string" },
      name: { type: "string" },
      assign: { type: "string" },
      "reserve-minutes": { type: "string" },
      filter: { type: "string" },
      order: { type: "string" },
      blind: { type: "string" },
      "vs-model": { type: "boolean" },
      "vs-imported": { type: "boolean" },
      as: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (v.help || (cmd !== "create" && cmd !== "list")) {
    (v.help ? process.stdout : process.stderr).write(USAGE);
    return v.help ? 0 : 2;
  }
  const ds = v.dataset
    ? await findDatasetIdByName(v.dataset).then((id) => (id ? { id, name: v.dataset! } : null))
    : null;
  if (v.dataset && !ds) return err(`no dataset named ${JSON.stringify(v.dataset)}`);
  if (cmd === "list") {
    const sets = ds ? [ds] : await listDatasetsOldestFirst();
    for (const d of sets) {
      for (const q of await listQueues(d.id)) {
        const p = await queueProgress(q.id, q.overlap);
        const who = q.assignees.length ? `assigned ${q.assignees.join(",")}` : "anyone";
        process.stdout.write(
          `${q.id}\t${d.name}\t${q.name}\t${q.task}\toverlap ${q.overlap}\t${who}\t${p.itemsDone}/${p.items} items done, ${p.inProgress} in progress, ${p.remaining} completions remaining\n`,
        );
      }
    }
    return 0;
  }
  if (!ds) return err("queue create: --dataset NAME is required\n\n" + USAGE);
  if (!v.task || !(QUEUE_TASKS as readonly string[]).includes(v.task))
    return err(`queue create: --task must be one of ${QUEUE_TASKS.join(", ")}`);
  if (!v.overlap) return err("queue create: --overlap N is required");
  const f = v.filter ? parseFilterText(v.filter) : { ok: true as const, filter: {} };
  if (!f.ok) return err(f.error);
  if (v.blind && v.blind !== "on" && v.blind !== "off") return err("queue create: --blind is on or off");
  if (v.order && v.order !== "filter" && v.order !== "triage") return err("queue create: --order is filter or triage");
  const actor = v.as || cliActor();
  const r = await createQueue(
    ds.id,
    {
      name: v.name ?? `${v.task} x${v.overlap}${v.filter ? ` (${v.filter})` : ""}`,
      task: v.task as (typeof QUEUE_TASKS)[number],
      overlap: Number(v.overlap),
      assignees: v.assign ? splitNames(v.assign) : [],
      reserveMinutes: v["reserve-minutes"] === undefined ? undefined : Number(v["reserve-minutes"]),
      blind: v.blind !== "off",
      order: (v.order as "filter" | "triage" | undefined) ?? "filter",
      vsModel: !!v["vs-model"],
      vsImported: !!v["vs-imported"],
      filter: f.filter,
    },
    actor,
  );
  if (!r.ok) return err(`queue create: ${r.error}`);
  process.stdout.write(`created queue ${r.id} on ${JSON.stringify(ds.name)}: ${r.items} items\n`);
  return 0;
}
