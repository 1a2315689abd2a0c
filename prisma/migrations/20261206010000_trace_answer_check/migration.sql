-- Issue 12 §1: is a trace's final answer correct? "correct" | "wrong" | "unknown" (cannot be
-- graded: no ground-truth answer, no final answer found, unparseable, timeout); NULL = not
-- checked yet. Taken from the imported `correct` when known, else graded against the problem's
-- answer (lib/data/answer-check.ts) before a filter or a proposal run needs it. Kept beside
-- `correct` (which stays what the file said) so the list filter is answered from an index.
ALTER TABLE "Trace" ADD COLUMN "answerCheck" TEXT;
UPDATE "Trace" SET "answerCheck" = CASE "correct" WHEN 1 THEN 'correct' ELSE 'wrong' END WHERE "correct" IS NOT NULL;
CREATE INDEX "Trace_datasetId_answerCheck_id_idx" ON "Trace"("datasetId", "answerCheck", "id");
