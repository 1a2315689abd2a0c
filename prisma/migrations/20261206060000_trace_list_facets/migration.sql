-- Issue 15 §4: the trace list at 100,000 traces under 150 ms for any filter but text search.
-- Every filter of the list (lib/data/trace-list-sql.ts) becomes a column of one covering index,
-- "Trace_list_idx" (datasetId, id, then the filter columns): a page is a walk of that index in id
-- order that stops after 50 matches, a count is one walk of the dataset's range, and neither reads
-- a Trace row (each holds its 5-15 KB attempt text before these columns). The filters that used to
-- probe other tables per trace (EXISTS on interventions, labels, comments) are kept as columns:
--   listIntervention     a non-rejected intervention exists
--   listHumanLabel       a first-error label of source 'human' exists
--   listImportedError    an imported label with a step (an error) exists
--   listImportedNoError  an imported label without a step ("no error") exists
--   listOpenComment      an open comment exists
-- They are written ONLY by the triggers below, which recompute them from the child rows after
-- every insert, delete and relevant update (any writer: Prisma, the import's raw SQL, the job
-- stages, cascades), and write the trace only when a value changes. Never set them in app code.

ALTER TABLE "Trace" ADD COLUMN "listIntervention" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Trace" ADD COLUMN "listHumanLabel" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Trace" ADD COLUMN "listImportedError" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Trace" ADD COLUMN "listImportedNoError" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Trace" ADD COLUMN "listOpenComment" BOOLEAN NOT NULL DEFAULT false;

-- the rows already there
UPDATE "Trace" SET "listIntervention" = EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = "Trace"."id" AND x."status" <> 'rejected'),
  "listHumanLabel" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = "Trace"."id" AND x."source" = 'human'),
  "listImportedError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = "Trace"."id" AND x."source" = 'imported' AND x."step" IS NOT NULL),
  "listImportedNoError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = "Trace"."id" AND x."source" = 'imported' AND x."step" IS NULL),
  "listOpenComment" = EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = "Trace"."id" AND x."status" = 'open');

CREATE INDEX "Trace_list_idx" ON "Trace"("datasetId", "id", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment");

CREATE TRIGGER "Intervention_list_insert" AFTER INSERT ON "Intervention" BEGIN
  UPDATE "Trace" SET "listIntervention" = EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = new."traceId" AND x."status" <> 'rejected')
    WHERE "id" = new."traceId" AND "listIntervention" IS NOT EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = new."traceId" AND x."status" <> 'rejected');
END;
CREATE TRIGGER "Intervention_list_delete" AFTER DELETE ON "Intervention" BEGIN
  UPDATE "Trace" SET "listIntervention" = EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = old."traceId" AND x."status" <> 'rejected')
    WHERE "id" = old."traceId" AND "listIntervention" IS NOT EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = old."traceId" AND x."status" <> 'rejected');
END;
CREATE TRIGGER "Intervention_list_update" AFTER UPDATE OF "status", "traceId" ON "Intervention" BEGIN
  UPDATE "Trace" SET "listIntervention" = EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = old."traceId" AND x."status" <> 'rejected')
    WHERE "id" = old."traceId" AND "listIntervention" IS NOT EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = old."traceId" AND x."status" <> 'rejected');
  UPDATE "Trace" SET "listIntervention" = EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = new."traceId" AND x."status" <> 'rejected')
    WHERE "id" = new."traceId" AND "listIntervention" IS NOT EXISTS (SELECT 1 FROM "Intervention" x WHERE x."traceId" = new."traceId" AND x."status" <> 'rejected');
END;

CREATE TRIGGER "FirstErrorLabel_list_insert" AFTER INSERT ON "FirstErrorLabel" BEGIN
  UPDATE "Trace" SET "listHumanLabel" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'human'), "listImportedError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'imported' AND x."step" IS NOT NULL), "listImportedNoError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'imported' AND x."step" IS NULL)
    WHERE "id" = new."traceId" AND ("listHumanLabel", "listImportedError", "listImportedNoError") IS NOT (EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'human'), EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'imported' AND x."step" IS NOT NULL), EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'imported' AND x."step" IS NULL));
END;
CREATE TRIGGER "FirstErrorLabel_list_delete" AFTER DELETE ON "FirstErrorLabel" BEGIN
  UPDATE "Trace" SET "listHumanLabel" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'human'), "listImportedError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'imported' AND x."step" IS NOT NULL), "listImportedNoError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'imported' AND x."step" IS NULL)
    WHERE "id" = old."traceId" AND ("listHumanLabel", "listImportedError", "listImportedNoError") IS NOT (EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'human'), EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'imported' AND x."step" IS NOT NULL), EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'imported' AND x."step" IS NULL));
END;
CREATE TRIGGER "FirstErrorLabel_list_update" AFTER UPDATE OF "source", "step", "traceId" ON "FirstErrorLabel" BEGIN
  UPDATE "Trace" SET "listHumanLabel" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'human'), "listImportedError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'imported' AND x."step" IS NOT NULL), "listImportedNoError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'imported' AND x."step" IS NULL)
    WHERE "id" = old."traceId" AND ("listHumanLabel", "listImportedError", "listImportedNoError") IS NOT (EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'human'), EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'imported' AND x."step" IS NOT NULL), EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = old."traceId" AND x."source" = 'imported' AND x."step" IS NULL));
  UPDATE "Trace" SET "listHumanLabel" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'human'), "listImportedError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'imported' AND x."step" IS NOT NULL), "listImportedNoError" = EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'imported' AND x."step" IS NULL)
    WHERE "id" = new."traceId" AND ("listHumanLabel", "listImportedError", "listImportedNoError") IS NOT (EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'human'), EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'imported' AND x."step" IS NOT NULL), EXISTS (SELECT 1 FROM "FirstErrorLabel" x WHERE x."traceId" = new."traceId" AND x."source" = 'imported' AND x."step" IS NULL));
END;

CREATE TRIGGER "Comment_list_insert" AFTER INSERT ON "Comment" BEGIN
  UPDATE "Trace" SET "listOpenComment" = EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = new."traceId" AND x."status" = 'open')
    WHERE "id" = new."traceId" AND "listOpenComment" IS NOT EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = new."traceId" AND x."status" = 'open');
END;
CREATE TRIGGER "Comment_list_delete" AFTER DELETE ON "Comment" BEGIN
  UPDATE "Trace" SET "listOpenComment" = EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = old."traceId" AND x."status" = 'open')
    WHERE "id" = old."traceId" AND "listOpenComment" IS NOT EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = old."traceId" AND x."status" = 'open');
END;
CREATE TRIGGER "Comment_list_update" AFTER UPDATE OF "status", "traceId" ON "Comment" BEGIN
  UPDATE "Trace" SET "listOpenComment" = EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = old."traceId" AND x."status" = 'open')
    WHERE "id" = old."traceId" AND "listOpenComment" IS NOT EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = old."traceId" AND x."status" = 'open');
  UPDATE "Trace" SET "listOpenComment" = EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = new."traceId" AND x."status" = 'open')
    WHERE "id" = new."traceId" AND "listOpenComment" IS NOT EXISTS (SELECT 1 FROM "Comment" x WHERE x."traceId" = new."traceId" AND x."status" = 'open');
END;
