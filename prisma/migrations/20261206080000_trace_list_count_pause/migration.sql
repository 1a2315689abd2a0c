-- The importer's count upkeep in bulk (issue 15 §4: import throughput >= 0.5x the bare insert loop). The triggers of
-- 20261206060100 moved TraceListCount's row on every trace insert: a 9-column upsert that cost the import half its
-- throughput. Inside its own transaction the importer now puts its dataset in TraceListCountPause, the triggers skip
-- that dataset while the row is there, and before COMMIT the importer recounts the dataset from Trace (one GROUP BY over
-- the covering index) and removes the row (lib/data/import.ts). Nobody else can see the pause: it is written and
-- removed in the import's one write transaction, which holds SQLite's write lock throughout.

CREATE TABLE "TraceListCountPause" (
    "datasetId" TEXT NOT NULL PRIMARY KEY
);

DROP TRIGGER "Trace_count_insert";
DROP TRIGGER "Trace_count_delete";
DROP TRIGGER "Trace_count_update";

CREATE TRIGGER "Trace_count_insert" AFTER INSERT ON "Trace"
  WHEN NOT EXISTS (SELECT 1 FROM "TraceListCountPause" p WHERE p."datasetId" = new."datasetId") BEGIN
  INSERT INTO "TraceListCount" ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment", "n") VALUES (new."datasetId", new."status", new."generator", IFNULL(new."answerCheck", ''), new."listIntervention", new."listHumanLabel", new."listImportedError", new."listImportedNoError", new."listOpenComment", 1)
    ON CONFLICT ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment") DO UPDATE SET "n" = "n" + 1;
END;
CREATE TRIGGER "Trace_count_delete" AFTER DELETE ON "Trace"
  WHEN NOT EXISTS (SELECT 1 FROM "TraceListCountPause" p WHERE p."datasetId" = old."datasetId") BEGIN
  UPDATE "TraceListCount" SET "n" = "n" - 1 WHERE "datasetId" = old."datasetId" AND "status" = old."status" AND "generator" = old."generator" AND "answerCheck" = IFNULL(old."answerCheck", '') AND "listIntervention" = old."listIntervention" AND "listHumanLabel" = old."listHumanLabel" AND "listImportedError" = old."listImportedError" AND "listImportedNoError" = old."listImportedNoError" AND "listOpenComment" = old."listOpenComment";
  DELETE FROM "TraceListCount" WHERE "datasetId" = old."datasetId" AND "status" = old."status" AND "generator" = old."generator" AND "answerCheck" = IFNULL(old."answerCheck", '') AND "listIntervention" = old."listIntervention" AND "listHumanLabel" = old."listHumanLabel" AND "listImportedError" = old."listImportedError" AND "listImportedNoError" = old."listImportedNoError" AND "listOpenComment" = old."listOpenComment" AND "n" <= 0;
END;
CREATE TRIGGER "Trace_count_update" AFTER UPDATE OF "datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment" ON "Trace"
  WHEN (old."datasetId", old."status", old."generator", IFNULL(old."answerCheck", ''), old."listIntervention", old."listHumanLabel", old."listImportedError", old."listImportedNoError", old."listOpenComment") IS NOT (new."datasetId", new."status", new."generator", IFNULL(new."answerCheck", ''), new."listIntervention", new."listHumanLabel", new."listImportedError", new."listImportedNoError", new."listOpenComment")
  AND NOT EXISTS (SELECT 1 FROM "TraceListCountPause" p WHERE p."datasetId" IN (old."datasetId", new."datasetId")) BEGIN
  UPDATE "TraceListCount" SET "n" = "n" - 1 WHERE "datasetId" = old."datasetId" AND "status" = old."status" AND "generator" = old."generator" AND "answerCheck" = IFNULL(old."answerCheck", '') AND "listIntervention" = old."listIntervention" AND "listHumanLabel" = old."listHumanLabel" AND "listImportedError" = old."listImportedError" AND "listImportedNoError" = old."listImportedNoError" AND "listOpenComment" = old."listOpenComment";
  DELETE FROM "TraceListCount" WHERE "datasetId" = old."datasetId" AND "status" = old."status" AND "generator" = old."generator" AND "answerCheck" = IFNULL(old."answerCheck", '') AND "listIntervention" = old."listIntervention" AND "listHumanLabel" = old."listHumanLabel" AND "listImportedError" = old."listImportedError" AND "listImportedNoError" = old."listImportedNoError" AND "listOpenComment" = old."listOpenComment" AND "n" <= 0;
  INSERT INTO "TraceListCount" ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment", "n") VALUES (new."datasetId", new."status", new."generator", IFNULL(new."answerCheck", ''), new."listIntervention", new."listHumanLabel", new."listImportedError", new."listImportedNoError", new."listOpenComment", 1)
    ON CONFLICT ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment") DO UPDATE SET "n" = "n" + 1;
END;
