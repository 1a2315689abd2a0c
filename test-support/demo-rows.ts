import { readFileSync } from "node:fs";
import { join } from "node:path";

// The demo dataset's rows (prisma/demo/demo.jsonl, the int import format), read by its own unit
// test and by the upload and export journeys, which upload copies of it under unique names.
export type DemoRow = {
  problem: string;
  answer: string;
  reference_solution: string;
  incorrect_attempt: string;
  generator: string;
  intervention?: { content: string; location: number };
};

/** Every row of the demo file (tests and journeys run from the repository root). */
export function demoRows(): DemoRow[] {
  return readFileSync(join(process.cwd(), "prisma", "demo", "demo.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as DemoRow);
}
