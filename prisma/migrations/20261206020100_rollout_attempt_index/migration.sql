-- Issue 15 §4: Analysis' per-model query (lib/data/attempts-sql.ts) reads the attempt rollouts
-- from this index alone: graded, correct, trace, the text's byte length and (for a right attempt,
-- which has no trace) its step count, spelled exactly as attempts-sql.ts spells them, so SQLite
-- reads the values stored here instead of each ~4 KB text (40,000 attempts: CPU 690 -> 530 ms).
-- Partial (condition = 'attempt'): rollouts of the other conditions never enter it. "condition"
-- is a column too: without it SQLite does not treat the index as covering.
-- Like Trace_analysis_idx, prisma/schema.prisma cannot express an index on an expression: keep
-- it out of the schema (`prisma migrate diff` reports it as drift).
CREATE INDEX "Rollout_attempt_idx" ON "Rollout"("problemId", "condition", "model", "correct", "traceId", length(CAST("text" AS BLOB)), ((length("text") - length(replace("text", char(10) || char(10), ''))) / 2 + 1)) WHERE "condition" = 'attempt';

-- The same query subtracts the sampled traces the attempts point to (a sampled trace is a copy of
-- a wrong attempt): reading origin, correct, stepCount and the byte length from those Trace rows
-- walked their texts (28,000 sampled traces: the rest of the time). This partial index holds
-- exactly those columns for origin 'sampled' only, so imported traces never enter it (no import
-- cost). Together: MODEL_GROUPS CPU 649 -> ~250 ms on 100,000 traces + 40,000 attempts.
CREATE INDEX "Trace_sampled_idx" ON "Trace"("id", "origin", "datasetId", "problemId", "generator", "correct", "stepCount", length(CAST("text" AS BLOB))) WHERE "origin" = 'sampled';
