// Child process for queue-race.test.ts and the queue bench: one process = one server, working a
// queue for several people at once on its own connection to the shared database file.
// argv: queueId names(comma) startAtMs holdMs [barrierDir nProcs]. Prints FIRST/TAKE/DONE/END lines.
// With a barrier: first every name takes one item at the same moment and nothing is completed
// until every process has taken its first round, so those holds must all differ.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { takeNext } from "../lib/data/queue-work";
import { submitQueueLabel } from "../lib/data/queue-submit";

const [queueId, namesArg, startAt, holdMs, barrierDir, nProcs] = process.argv.slice(2);
const names = namesArg.split(",");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (s: string) => process.stdout.write(s + "\n");

async function work(me: string) {
  for (;;) {
    const t = performance.now();
    const held = await takeNext(queueId, me, 10);
    out(`TAKE ${me} ${held?.traceId ?? "-"} ${(performance.now() - t).toFixed(2)}`);
    if (!held) return;
    if (Number(holdMs)) await sleep(Number(holdMs));
    const r = await submitQueueLabel(queueId, { traceId: held.traceId, actor: me, step: 1 });
    if (!r.ok) throw new Error(r.reason);
    out(`DONE ${me} ${held.traceId}`);
  }
}

await sleep(Math.max(0, Number(startAt) - Date.now())); // every process starts its takes at the same moment
if (barrierDir) {
  const first = await Promise.all(names.map((me) => takeNext(queueId, me, 10)));
  first.forEach((h, i) => out(`FIRST ${names[i]} ${h?.traceId ?? "-"}`));
  mkdirSync(barrierDir, { recursive: true });
  writeFileSync(join(barrierDir, String(process.pid)), "");
  while (readdirSync(barrierDir).length < Number(nProcs)) await sleep(20);
}
await Promise.all(names.map(work));
out("END");
process.exit(0);
