import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { run } from "./grade-answers";

describe("grade-answers command", () => {
  it("writes one verdict per input line, in input order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "grade-answers-"));
    const file = join(dir, "in.jsonl");
    const rows = [
      JSON.stringify({ gold: "\\frac{1}{2}", pred: "Thus the answer is $\\boxed{0.5}$." }),
      JSON.stringify({ gold: "3", pred: "x=3" }),
      "not json",
      JSON.stringify({ gold: "35", pred: "So there are 35 students who like to play video games." }),
      JSON.stringify({ gold: 12, pred: "Final Answer: The final answer is 13. I hope it is correct." }),
      "",
      JSON.stringify({ gold: "1" }),
    ];
    writeFileSync(file, rows.join("\n") + "\n");
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    const said: string[] = [];
    const err = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
      said.push(String(s));
      return true;
    });
    try {
      expect(await run(["--in", file, "--workers", "1", "--pred-mode", "auto"])).toBe(0);
    } finally {
      write.mockRestore();
      err.mockRestore();
    }
    const lines = out
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.verdict])).toEqual([
      [1, "equal"],
      [2, "equal"],
      [3, "error"],
      [4, "equal"],
      [5, "not_equal"],
      [7, "error"],
    ]);
    expect(lines[0]).toMatchObject({ extracted: "0.5", extractMethod: "boxed", method: "exact-rational" });
    // "auto" reads prose as math-verify does (issue 12 §5): the last number when nothing is marked.
    expect(lines[3]).toMatchObject({ extracted: "35", extractMethod: "last-math" });
    expect(lines[4]).toMatchObject({ extracted: "13", extractMethod: "final-answer" });
    // the JSONL keeps the codes; the summary a person reads says them in words
    expect(said.join("")).toContain("graded 6 line(s): 3 correct, 1 wrong, 2 grading error");
  }, 120_000);

  it("refuses bad arguments with exit code 2", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await run([])).toBe(2);
      expect(await run(["--in", "/no/such/file.jsonl"])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
