import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { rng, type Rng } from "./prng";

// Synthetic InT rows (int format): math-flavoured steps with the four delimiter kinds, about
// 5 KB per JSONL line, deterministic per index. Answers use \dfrac, which no intervention
// contains, so the export's leakage filter keeps every row.

export type IntRow = {
  id: string;
  problem: string;
  answer: string;
  reference_solution: string;
  incorrect_attempt: string;
  generator: string;
  intervention: { content: string; location: number };
};

const GENERATORS = [
  "Qwen3-4B-Instruct-2507",
  "Llama-3.1-8B-Instruct",
  "Qwen2.5-Math-7B-Instruct",
  "deepseek-math-7b-rl",
  "gemma-2-9b-it",
];
const VARS = ["x", "y", "n", "k", "m", "b", "t", "r"];
const WORDS =
  "so then hence we note that this means the value of since because therefore which gives us and also".split(" ");

function words(r: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(WORDS));
  return out.join(" ");
}

/** One formula (without delimiters). */
export function formula(r: Rng): string {
  const v = r.pick(VARS);
  const a = r.int(2, 99),
    b = r.int(2, 99),
    c = r.int(2, 30);
  switch (r.int(0, 7)) {
    case 0:
      return `${v}^2 + ${a}${v} - ${b} = 0`;
    case 1:
      return `\\frac{${a}}{${b}} + \\frac{${c}}{${v}}`;
    case 2:
      return `\\sqrt{${a}} \\cdot ${b}`;
    case 3:
      return `\\sum_{i=1}^{${c}} i^{2} = ${a * b}`;
    case 4:
      return `${v} \\equiv ${a} \\pmod{${c}}`;
    case 5:
      return `\\left(${v} - ${a}\\right)\\left(${v} + ${b}\\right)`;
    case 6:
      return `\\binom{${c}}{${c % 5}} = ${a}`;
    default:
      return `${v}_{${c}} = ${a}`;
  }
}

/** A step with `n` formulas in varied delimiters; `next` supplies each formula. */
export function step(r: Rng, n: number, next: () => string = () => formula(r)): string {
  const parts: string[] = [words(r, r.int(4, 12))];
  for (let i = 0; i < n; i++) {
    const f = next();
    switch (r.int(0, 9)) {
      case 0:
        parts.push(`\n\\[\n${f}\n\\]\n`);
        break;
      case 1:
        parts.push(`$$${f}$$`);
        break;
      case 2:
        parts.push(`\\(${f}\\)`);
        break;
      default:
        parts.push(`$${f}$`);
    }
    parts.push(words(r, r.int(2, 8)));
  }
  if (r.next() < 0.1) parts.push(`it costs $${r.int(2, 90)} and $${r.int(2, 90)}.50 in total`);
  if (r.next() < 0.1) parts.push("- a list item\n- another item with **bold**");
  return parts.join(" ");
}

export const PROBLEMS = 2_000;

export function problemOf(p: number): Pick<IntRow, "problem" | "answer" | "reference_solution"> {
  const r = rng(0x5eed0000 + p);
  return {
    problem: `Problem ${p}. Let $f(x) = ${r.int(2, 9)}x^2 + ${r.int(2, 50)}x + ${r.int(2, 90)}$. ${words(r, 25)} Find $f(${r.int(2, 20)})$ in simplest form.`,
    answer: `\\dfrac{${p + 7}}{${(p % 13) + 2}}\\sqrt{${(p % 97) + 2}}`,
    reference_solution: `Complete the square: ${words(r, 20)} $f(x) = ${r.int(2, 9)}(x + ${r.int(2, 9)})^2 - ${r.int(2, 90)}$. ${words(r, 15)}`,
  };
}

/** Row i (about 5 KB as a JSON line). */
export function syntheticRow(i: number): IntRow {
  const r = rng(0xbe4c0000 ^ i);
  const steps: string[] = [];
  let len = 0;
  const target = r.int(3_700, 4_300);
  while (len < target) {
    const s = step(r, r.int(0, 3));
    steps.push(s);
    len += s.length + 2;
  }
  return {
    id: `bench-${String(i).padStart(6, "0")}`,
    ...problemOf(i % PROBLEMS),
    incorrect_attempt: steps.join("\n\n"),
    generator: GENERATORS[i % GENERATORS.length],
    intervention: { content: `Instead, ${step(r, 1)}`, location: r.int(1, steps.length) },
  };
}

/** A long trace: `steps` steps with `formulas` formulas in all, a quarter of them repeats. */
export function longTrace(seed: number, steps: number, formulas: number): string {
  const r = rng(seed);
  const seen: string[] = [];
  const next = () => {
    if (seen.length && r.next() < 0.25) return r.pick(seen);
    const f = formula(r);
    seen.push(f);
    return f;
  };
  const out: string[] = [];
  let left = formulas;
  for (let i = 0; i < steps; i++) {
    const n = Math.round(left / (steps - i));
    out.push(step(r, n, next));
    left -= n;
  }
  return out.join("\n\n");
}

/** Writes rows [0, n) as JSONL; returns the byte count. */
export async function writeJsonl(path: string, n: number): Promise<number> {
  const ws = createWriteStream(path);
  let bytes = 0;
  let buf = "";
  for (let i = 0; i < n; i++) {
    buf += JSON.stringify(syntheticRow(i)) + "\n";
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!ws.write(buf)) await once(ws, "drain");
      buf = "";
    }
  }
  bytes += Buffer.byteLength(buf);
  ws.end(buf);
  await once(ws, "finish");
  return bytes;
}
