// The fast reader must read every expression it accepts the way the compute engine does: on all
// answers of the real datasets, both readings are evaluated at the same points and must agree.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedData } from "@/test-support/shared-data";
import { parseLatex, toJson } from "./engine";
import { evalC, freeVars, Unsupported, type C, type Json } from "./evaluate";
import { extractAnswer } from "./extract";
import { fastParse } from "./fast-parse";
import { normaliseAnswer } from "./normalise";
import { parseShape, type Shape } from "./shape";

const jsonl = (...p: string[]) =>
  readFileSync(sharedData(...p), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

function leaves(s: Shape | null, out: string[]): string[] {
  if (!s) return out;
  if (s.kind === "expr") out.push(s.latex);
  else if (s.kind === "rel") out.push(s.lhs, s.rhs);
  else if ("items" in s) s.items.forEach((x) => leaves(x, out));
  else if (s.kind === "matrix") s.rows.flat().forEach((x) => leaves(x, out));
  return out;
}

function corpus(): string[] {
  const raw: string[] = [];
  for (const r of jsonl("answer-pairs", "dev.jsonl")) raw.push(r.gold, r.pred);
  for (const r of jsonl("processbench", "with-references.gsm8k-math.jsonl")) {
    raw.push(r.ground_truth_answer);
    const ex = extractAnswer(r.steps[r.steps.length - 1], "solution");
    if (ex.ok) raw.push(ex.answer);
  }
  for (const r of jsonl("math500", "test.jsonl")) raw.push(r.answer);
  for (const r of jsonl("imo-answerbench", "answerbench_v2.jsonl")) raw.push(String(r["Short Answer"]));
  const out = new Set<string>();
  for (const a of raw) {
    const n = normaliseAnswer(a);
    for (const leaf of leaves(parseShape(n.text, n.wasText), [])) out.add(leaf);
  }
  return [...out];
}

function valuesAt(j: Json, vars: string[]): C[] | null {
  try {
    return [0, 1, 2].map((k) => evalC(j, Object.fromEntries(vars.map((v, i) => [v, 0.37 + 0.61 * k + 0.29 * i]))));
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

const close = (a: C, b: C) =>
  (Number.isNaN(a[0]) && Number.isNaN(b[0])) ||
  (a[0] === b[0] && a[1] === b[1]) ||
  Math.hypot(a[0] - b[0], a[1] - b[1]) <= 1e-9 * Math.max(1, Math.hypot(...a), Math.hypot(...b));

describe("fast reader vs compute engine on real answers", () => {
  it("agrees wherever it reads an expression", () => {
    const all = corpus();
    let accepted = 0,
      compared = 0;
    const mismatches: string[] = [];
    for (const s of all) {
      const fast = fastParse(s);
      if (!fast) continue;
      accepted++;
      const slow = toJson(parseLatex(s, 5000));
      const vars = [...new Set([...freeVars(fast), ...freeVars(slow)])].sort();
      const a = valuesAt(fast, vars),
        b = valuesAt(slow, vars);
      // Overflowing values (3^{2023}) say nothing about the reading; exact rationals cover them.
      if (!a || !b || [...a, ...b].some((c) => !Number.isFinite(c[0]) || !Number.isFinite(c[1]))) continue;
      compared++;
      if (!a.every((x, i) => close(x, b[i])))
        mismatches.push(`${s}: fast ${JSON.stringify(fast)} engine ${JSON.stringify(slow)}`);
    }
    console.info(
      `fast reader: ${accepted} of ${all.length} distinct answer expressions read, ${compared} compared with the engine`,
    );
    expect(mismatches).toEqual([]);
    expect(accepted).toBeGreaterThan(all.length / 2);
    expect(compared).toBeGreaterThan(accepted * 0.8);
  });

  it("refuses what it does not know", () => {
    for (const s of [
      "\\sqrt[3]{2}",
      "|x|",
      "a_{n}",
      "\\frac{1}{2",
      "1+",
      "x^23",
      "\\sum_{n=1}^{10} n",
      "f'(x)",
      "-3\\frac{1}{2}",
    ]) {
      expect(fastParse(s), s).toBeNull();
    }
  });
});
