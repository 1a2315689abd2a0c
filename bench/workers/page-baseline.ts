// Child process of bench/trace-page.ts: the baseline of the page render = the review page's
// database read (getTraceForReview, the page's own query) + katex.renderToString over every
// formula the page shows (problem, steps, reference, answer, interventions), no cache.
import katex from "katex";
import { splitSteps } from "@/lib/core/steps";
import { getTraceForReview } from "@/lib/data/traces";
import { prisma } from "@/lib/db";
import { renderMarkdownMath } from "@/lib/render/markdown-math";
import { KATEX_OPTIONS, clearTexCache } from "@/lib/render/tex";
import { report } from "../lib/child";
import { formulasIn } from "../lib/formulas";

import { createInterface } from "node:readline";

// Long-lived: reads one trace id per line on stdin and answers one RESULT line per id, so the
// harness can interleave it with the server's page renders (machine load drifts during a run).
await prisma.dataset.count(); // connect before timing

function renderAll(texts: string[]): number {
  let n = 0;
  for (const text of texts) {
    for (const f of formulasIn(text)) {
      try {
        katex.renderToString(f.tex, { ...KATEX_OPTIONS, displayMode: f.display });
      } catch {
        // a broken formula costs its parse attempt, as on the page
      }
      n++;
    }
  }
  return n;
}

for await (const id of createInterface({ input: process.stdin })) {
  if (!id) continue;
  const t = performance.now();
  const trace = await getTraceForReview(id);
  const dbMs = performance.now() - t;
  if (!trace) throw new Error(`no trace ${id}`);
  const texts = [
    trace.problem.statement,
    ...splitSteps(trace.text),
    trace.problem.referenceSolution,
    trace.problem.answer,
    ...trace.interventions.map((i) => i.content),
  ];
  const formulas = renderAll(texts);
  const ms = performance.now() - t;
  // For the record, not the baseline: our renderer (Markdown + KaTeX, cold cache) on the same texts.
  clearTexCache();
  const r = performance.now();
  for (const text of texts) renderMarkdownMath(text);
  report({ id, ms, dbMs, formulas, rendererMs: performance.now() - r });
}
await prisma.$disconnect();
