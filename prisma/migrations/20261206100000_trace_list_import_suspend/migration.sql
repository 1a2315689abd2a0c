-- The importer's list upkeep without a per-row cost (issue 15 §4: import throughput >= 0.5x the bare insert loop).
-- 20261206080000 made the count triggers skip a dataset listed in TraceListCountPause, so that the importer could
-- recount once before COMMIT. Each trace insert still evaluated that WHEN clause, and the list-fact triggers on
-- Intervention and FirstErrorLabel still rewrote the new trace row after each child insert. The importer now drops
-- the three insert triggers inside its own write transaction, recomputes what they would have written (facts of the
-- traces it did not create, then the dataset's counts) and recreates them from their stored text before COMMIT
-- (lib/data/import-triggers.ts). SQLite's DDL is transactional and the import holds the write lock throughout, so no
-- other connection ever sees the schema without them, and a failed import rolls them back with everything else.
-- The pause table and its WHEN clauses are therefore gone: the count triggers are again those of 20261206060100.

DROP TRIGGER "Trace_count_insert";
DROP TRIGGER "Trace_count_delete";
DROP TRIGGER "Trace_count_update";
DROP TABLE "TraceListCountPause";

CREATE TRIGGER "Trace_count_insert" AFTER INSERT ON "Trace" BEGIN
  INSERT INTO "TraceListCount" ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment", "n") VALUES (new."datasetId", new."status", new."generator", IFNULL(new."answerCheck", ''), new."listIntervention", new."listHumanLabel", new."listImportedError", new."listImportedNoError", new."listOpenComment", 1)
    ON CONFLICT ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment") DO UPDATE SET "n" = "n" + 1;
END;
CREATE TRIGGER "Trace_count_delete" AFTER DELETE ON "Trace" BEGIN
  UPDATE "TraceListCount" SET "n" = "n" - 1 WHERE "datasetId" = old."datasetId" AND "status" = old."status" AND "generator" = old."generator" AND "answerCheck" = IFNULL(old."answerCheck", '') AND "listIntervention" = old."listIntervention" AND "listHumanLabel" = old."listHumanLabel" AND "listImportedError" = old."listImportedError" AND "listImportedNoError" = old."listImportedNoError" AND "listOpenComment" = old."listOpenComment";
  DELETE FROM "TraceListCount" WHERE "datasetId" = old."datasetId" AND "status" = old."status" AND "generator" = old."generator" AND "answerCheck" = IFNULL(old."answerCheck", '') AND "listIntervention" = old."listIntervention" AND "listHumanLabel" = old."listHumanLabel" AND "listImportedError" = old."listImportedError" AND "listImportedNoError" = old."listImportedNoError" AND "listOpenComment" = old."listOpenComment" AND "n" <= 0;
END;
CREATE TRIGGER "Trace_count_update" AFTER UPDATE OF "datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment" ON "Trace"
  WHEN (old."datasetId", old."status", old."generator", IFNULL(old."answerCheck", ''), old."listIntervention", old."listHumanLabel", old."listImportedError", old."listImportedNoError", old."listOpenComment") IS NOT (new."datasetId", new."status", new."generator", IFNULL(new."answerCheck", ''), new."listIntervention", new."listHumanLabel", new."listImportedError", new."listImportedNoError", new."listOpenComment") BEGIN
  UPDATE "TraceListCount" SET "n" = "n" - 1 WHERE "datasetId" = old."datasetId" AND "status" = old."status" AND "generator" = old."generator" AND "answerCheck" = IFNULL(old."answerCheck", '') AND "listIntervention" = old."listIntervention" AND "listHumanLabel" = old."listHumanLabel" AND "listImportedError" = old."listImportedError" AND "listImportedNoError" = old."listImportedNoError" AND "listOpenComment" = old."listOpenComment";
  DELETE FROM "TraceListCount" WHERE "datasetId" = old."datasetId" AND "status" = old."status" AND "generator" = old."generator" AND "answerCheck" = IFNULL(old."answerCheck", '') AND "listIntervention" = old."listIntervention" AND "listHumanLabel" = old."listHumanLabel" AND "listImportedError" = old."listImportedError" AND "listImportedNoError" = old."listImportedNoError" AND "listOpenComment" = old."listOpenComment" AND "n" <= 0;
  INSERT INTO "TraceListCount" ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment", "n") VALUES (new."datasetId", new."status", new."generator", IFNULL(new."answerCheck", ''), new."listIntervention", new."listHumanLabel", new."listImportedError", new."listImportedNoError", new."listOpenComment", 1)
    ON CONFLICT ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment") DO UPDATE SET "n" = "n" + 1;
END;
