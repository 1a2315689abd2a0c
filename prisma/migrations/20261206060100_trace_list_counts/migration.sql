-- Issue 15 §4: the trace list's counts per status (and the dataset's counts) in < 1 ms at 100,000 traces.
-- One row per combination of the list's filter columns (Trace_list_idx, migration 20261206060000) with how many traces
-- have it: a few hundred rows per dataset, so a count under any filter but text search is a SUM over a handful of
-- rows instead of a walk of 100,000 index entries (~20 ms of CPU each, twice per list render). answerCheck NULL (not
-- graded yet) is stored as '' so that the key is unique. Written ONLY by the triggers below, on every insert, delete
-- and update of those columns of Trace (the list* columns' own triggers update Trace, so they reach it too).

CREATE TABLE "TraceListCount" (
    "datasetId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "generator" TEXT NOT NULL,
    "answerCheck" TEXT NOT NULL,
    "listIntervention" BOOLEAN NOT NULL,
    "listHumanLabel" BOOLEAN NOT NULL,
    "listImportedError" BOOLEAN NOT NULL,
    "listImportedNoError" BOOLEAN NOT NULL,
    "listOpenComment" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,
    PRIMARY KEY ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment")
);

-- the rows already there
INSERT INTO "TraceListCount" ("datasetId", "status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment", "n")
  SELECT t."datasetId", t."status", t."generator", IFNULL(t."answerCheck", ''), t."listIntervention", t."listHumanLabel", t."listImportedError", t."listImportedNoError", t."listOpenComment", COUNT(*) FROM "Trace" t GROUP BY t."datasetId", t."status", t."generator", IFNULL(t."answerCheck", ''), t."listIntervention", t."listHumanLabel", t."listImportedError", t."listImportedNoError", t."listOpenComment";

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
