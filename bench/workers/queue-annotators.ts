// One "server" process for bench/queue-load.ts: people working one label queue at once, each a
// loop of take (timed) -> think -> submit label. Streams lines, so a killed process leaves its
// record: `TAKE name traceId ms resumed`, `DONE name traceId`, `END`.
// argv: queueId names(comma) itemsPerPerson thinkMs [here]
// "here": labels are written on this thread, as before the queue writer thread (the comparison).
import { takeNext } from "@/lib/data/queue-work";
import { submitQueueLabel } from "@/lib/data/queue-submit";
import { writerThreadReady, writeOnServerThread } from "@/lib/data/writer-thread";

const [queueId, namesArg, perPerson, thinkMs, where] = process.argv.slice(2);
if (where === "here") writeOnServerThread();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (s: string) => process.stdout.write(s + "\n");

async function person(me: string) {
  for (let i = 0; i < Number(perPerson); i++) {
    const t = performance.now();
    const held = await takeNext(queueId, me, 30);
    out(
      `TAKE ${me} ${held?.traceId ?? "-"} ${(performance.now() - t).toFixed(2)} ${held?.resumed ? 1 : 0} ${Math.round(t)}`,
    );
    if (!held) return;
    await sleep(Number(thinkMs) * (0.5 + Math.random()));
    const r = await submitQueueLabel(queueId, { traceId: held.traceId, actor: me, step: 1 + (i % 3) });
    if (!r.ok) throw new Error(`${me}: ${r.reason}`);
    out(`DONE ${me} ${held.traceId}`);
  }
}

// A running server is warm: its connection open, its statements prepared and Prisma's query plans
// compiled (the first use of each blocks the event loop for ~0.5 s) and its queue writer thread
// running before people come: one item taken and labelled by a warm-up person.
{
  const me = `warm-up-${process.pid}`;
  const h = await takeNext(queueId, me, 30);
  if (h) await submitQueueLabel(queueId, { traceId: h.traceId, actor: me, step: 1 });
  if (where !== "here") await writerThreadReady();
}
await Promise.all(namesArg.split(",").map(person));
out("END");
process.exit(0);
