// Every answer pair of ../shared/data/answer-pairs/dev.jsonl must be judged as expected, and no
// pair that should differ may come back "equal".
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedData } from "@/test-support/shared-data";
import { compareAnswers } from "./compare";

interface Pair {
  gold: string;
  pred: string;
  expected: boolean;
  cat: string;
  note?: string;
}
const pairs: Pair[] = readFileSync(sharedData("answer-pairs", "dev.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

describe("answer-pairs/dev.jsonl", () => {
  it("has the rows it should", () => {
    expect(pairs.length).toBe(139);
  });
  it.each(pairs.map((p, i) => [i + 1, p.cat, p.gold, p.pred, p] as const))(
    "row %i (%s): %s vs %s",
    (_i, _c, _g, _p, pair) => {
      const v = compareAnswers(pair.gold, pair.pred, { softLimitMs: 5000 });
      expect(v.verdict, `${v.method} | ${v.goldNormalised} | ${v.predNormalised}`).toBe(
        pair.expected ? "equal" : "not_equal",
      );
    },
  );
});
