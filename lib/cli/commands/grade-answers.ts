// `npm run int -- grade-answers --in FILE`: grade JSONL {gold, pred} lines through the worker pool
// and write one JSONL verdict per input line, in input order, to stdout.
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { GradePool, type PoolVerdict } from "@/lib/grade/pool";
import { verdictCountsText } from "@/lib/core/verdict-words";

export const summary =
  "grade JSONL {gold, pred} answers (pred may be a whole solution); one JSONL verdict per line to stdout";

const Text = z.union([z.string(), z.number()]).transform(String);
const GradeInput = z.object({ gold: Text, pred: Text });
const PredMode = z.enum(["auto", "solution", "answer"]);

const USAGE = [
  "usage: npm run int -- grade-answers --in FILE [--pred-mode auto|solution|answer] [--workers N] [--hard-limit-ms 2000]",
  "  auto (default): math-verify's extraction order (box group, 'final answer is', 'answer:', last math or number)",
  "  solution: the rollout rule, the last \\boxed{} (else a marked answer); answer: the text is the answer",
].join("\n");

function parseArgs(
  argv: string[],
):
  | { ok: true; file: string; mode: z.infer<typeof PredMode>; workers?: number; hard: number }
  | { ok: false; reason: string } {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const file = get("--in");
  if (!file) return { ok: false, reason: "missing --in FILE" };
  if (!existsSync(file)) return { ok: false, reason: `no such file: ${file}` };
  const mode = PredMode.safeParse(get("--pred-mode") ?? "auto");
  if (!mode.success) return { ok: false, reason: "--pred-mode must be auto, solution or answer" };
  const workers = get("--workers") === undefined ? undefined : Number(get("--workers"));
  const hard = Number(get("--hard-limit-ms") ?? 2000);
  if ((workers !== undefined && !(Number.isInteger(workers) && workers > 0)) || !(hard > 0))
    return { ok: false, reason: "--workers and --hard-limit-ms must be positive numbers" };
  return { ok: true, file, mode: mode.data, workers, hard };
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.ok) {
    process.stderr.write(`${args.reason}\n${USAGE}\n`);
    return 2;
  }
  const pool = new GradePool({ size: args.workers, hardLimitMs: args.hard });
  const counts: Record<string, number> = {};
  const pending: Promise<string>[] = [];
  let written = 0;
  // Write finished lines in input order; keep at most WINDOW lines in flight.
  const WINDOW = 512;
  const flush = async (upTo: number) => {
    while (written < upTo) {
      const line = await pending[written];
      delete pending[written];
      written++;
      if (!process.stdout.write(line + "\n")) await new Promise((r) => process.stdout.once("drain", r));
    }
  };
  let lineNo = 0;
  try {
    const rl = createInterface({ input: createReadStream(args.file, "utf8"), crlfDelay: Infinity });
    for await (const raw of rl) {
      lineNo++;
      if (!raw.trim()) continue;
      const line = lineNo;
      pending.push(
        gradeLine(pool, raw, line, args.mode).then((v) => {
          counts[v.verdict] = (counts[v.verdict] ?? 0) + 1;
          return JSON.stringify({ line, ...v });
        }),
      );
      if (pending.length - written >= WINDOW) await flush(pending.length - WINDOW / 2);
    }
    await flush(pending.length);
  } finally {
    await pool.close();
  }
  // the summary is for a person (words); the JSONL on stdout keeps the verdict codes
  process.stderr.write(`graded ${written} line(s): ${verdictCountsText(counts) || "none"}\n`);
  return 0;
}

async function gradeLine(
  pool: GradePool,
  raw: string,
  line: number,
  mode: z.infer<typeof PredMode>,
): Promise<PoolVerdict> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { verdict: "error", method: "input", extracted: null, reason: `line ${line}: not JSON`, ms: 0 };
  }
  const input = GradeInput.safeParse(json);
  if (!input.success) {
    const issue = input.error.issues[0];
    return {
      verdict: "error",
      method: "input",
      extracted: null,
      reason: `line ${line}: ${issue.path.join(".") || "row"}: ${issue.message}`,
      ms: 0,
    };
  }
  return pool.grade({ ...input.data, predMode: mode });
}
