import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { nowText } from "@/lib/data/sqlite";
import { rng } from "./prng";
import { step } from "./synthetic";

// Sampled attempts as the sample stage writes them (lib/rollouts/sample-handler.ts): one Rollout
// of condition "attempt" per attempt, graded; a wrong attempt is also a Trace of origin
// "sampled" that the rollout points to. `n` attempts by one model, 2 per problem.
export function seedAttempts(path: string, datasetId: string, n: number, model = "Qwen3-4B-sampled"): void {
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    const now = nowText();
    const problems = (
      db.prepare(`SELECT id FROM Problem WHERE datasetId = ? ORDER BY id`).all(datasetId) as { id: string }[]
    ).map((p) => p.id);
    const insTrace =
      db.prepare(`INSERT INTO Trace (id, datasetId, problemId, text, generator, origin, correct, answerCheck, stepCount, contentHash, status, hasIntervention, version, createdAt, updatedAt)
      VALUES (?, ?, ?, ?, ?, 'sampled', 0, 'wrong', ?, ?, 'todo', 0, 0, ?, ?)`);
    const insRollout =
      db.prepare(`INSERT INTO Rollout (id, problemId, traceId, condition, sample, model, sampling, text, verdict, correct, createdAt)
      VALUES (?, ?, ?, 'attempt', ?, ?, '{}', ?, ?, ?, ?)`);
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const pid = problems[Math.floor(i / 2) % problems.length];
        const r = rng(0x5a3d ^ (i * 2654435761));
        const steps: string[] = [];
        for (let len = 0, target = r.int(3_000, 5_000); len < target;) {
          const s = step(r, r.int(0, 3));
          steps.push(s);
          len += s.length + 2;
        }
        const text = steps.join("\n\n");
        const correct = r.next() < 0.3;
        let tid: string | null = null;
        if (!correct) {
          tid = `st${i}`;
          insTrace.run(
            tid,
            datasetId,
            pid,
            text,
            model,
            steps.length,
            createHash("sha256").update(`${model}\n${text}`).digest("hex"),
            now,
            now,
          );
        }
        insRollout.run(`at${i}`, pid, tid, i % 2, model, text, correct ? "equal" : "not_equal", correct ? 1 : 0, now);
      }
    })();
  } finally {
    db.close();
  }
}
