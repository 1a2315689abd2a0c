-- Issue 15 §4: text search over 100,000 traces without reading every attempt (LIKE: ~6 s).
-- Trigram full-text indexes of Trace.text and Problem.statement give, for a query of 3 or more
-- characters, the rows that contain every trigram of it; lib/data/trace-list-sql.ts then checks
-- only those rows with the same LIKE as before, so the results are exactly LIKE's (ASCII-only case
-- folding, `%`, `_` and `\` literal). Queries under 3 characters still use LIKE alone.
-- Choices (measured on 128,000 ~4 KB traces, bench/text-search.ts):
-- * detail=none: no token positions. A detail=full index took 1,042 MB beside ~500 MB of text
--   and 205 s to build; detail=none takes 99 MB and 58 s. Positions would only let FTS5 check
--   adjacency, which the LIKE on the candidates does anyway.
-- * contentless (content=''), contentless_delete=1: the text is not stored twice, and a delete
--   or an edit removes the row by rowid without re-tokenizing the old text (an external-content
--   table must be handed the old text to delete it). (columnsize stays on: contentless_delete needs it).
-- * case_sensitive 0: FTS5 folds case (Unicode-wide, more than LIKE's ASCII folding), so its
--   candidates are a superset of LIKE's matches; the LIKE check removes the extra ones.
-- * keyed by the tables' rowid (both have a text primary key, so rowid is an implicit column;
--   VACUUM keeps it on this SQLite, which lib/data/text-search.test.ts checks).
-- * indexing is deferred: tokenizing costs ~0.4 ms per 5 KB trace, 12x the bare insert (the import
--   bench fell to 0.08x of the bare loop with indexing in an insert trigger, and to ~0.6x with an
--   insert trigger that only queued the rowid). So inserts have no trigger at all: "TextFtsMark"
--   holds, per table, the rowid up to which every row is indexed; SQLite gives a new row
--   max(rowid) + 1, so the rows not indexed yet are exactly those above the mark (the delete
--   trigger lowers the mark when the top rows go, as their rowids will be given again). An edited
--   text leaves the index at once and waits in *FtsPending. lib/data/text-search.ts indexes in
--   small batches in the background, and a search LIKE-checks the rows above the mark and the
--   pending ones besides the index's candidates: results never depend on how far indexing got.
-- Triggers keep index, mark and queue in step with every writer (importers, Prisma, raw SQL, cascades).
-- Neither the FTS tables nor the queues can be expressed in prisma/schema.prisma (virtual tables;
-- the queues are internal to the index): `prisma migrate diff` reports them as drift, keep them.
CREATE VIRTUAL TABLE "TraceTextFts" USING fts5("text", content='', contentless_delete=1, detail=none, tokenize='trigram case_sensitive 0');
CREATE VIRTUAL TABLE "ProblemTextFts" USING fts5("statement", content='', contentless_delete=1, detail=none, tokenize='trigram case_sensitive 0');
CREATE TABLE "TextFtsMark" ("tbl" TEXT NOT NULL PRIMARY KEY, "mark" INTEGER NOT NULL);
CREATE TABLE "TraceFtsPending" ("rid" INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE "ProblemFtsPending" ("rid" INTEGER NOT NULL PRIMARY KEY);

-- existing rows are indexed now (100,000 traces: ~30 s, once)
INSERT INTO "TraceTextFts"(rowid, "text") SELECT rowid, "text" FROM "Trace";
INSERT INTO "ProblemTextFts"(rowid, "statement") SELECT rowid, "statement" FROM "Problem";
INSERT INTO "TextFtsMark"("tbl", "mark") VALUES ('Trace', (SELECT IFNULL(MAX(rowid), 0) FROM "Trace")), ('Problem', (SELECT IFNULL(MAX(rowid), 0) FROM "Problem"));

CREATE TRIGGER "Trace_fts_delete" AFTER DELETE ON "Trace" BEGIN
  DELETE FROM "TraceTextFts" WHERE rowid = old.rowid;
  DELETE FROM "TraceFtsPending" WHERE "rid" = old.rowid;
  UPDATE "TextFtsMark" SET "mark" = (SELECT IFNULL(MAX(rowid), 0) FROM "Trace") WHERE "tbl" = 'Trace' AND "mark" > (SELECT IFNULL(MAX(rowid), 0) FROM "Trace");
END;
CREATE TRIGGER "Trace_fts_update" AFTER UPDATE OF "text" ON "Trace" BEGIN
  DELETE FROM "TraceTextFts" WHERE rowid = old.rowid;
  INSERT OR IGNORE INTO "TraceFtsPending"("rid") VALUES (new.rowid);
END;

CREATE TRIGGER "Problem_fts_delete" AFTER DELETE ON "Problem" BEGIN
  DELETE FROM "ProblemTextFts" WHERE rowid = old.rowid;
  DELETE FROM "ProblemFtsPending" WHERE "rid" = old.rowid;
  UPDATE "TextFtsMark" SET "mark" = (SELECT IFNULL(MAX(rowid), 0) FROM "Problem") WHERE "tbl" = 'Problem' AND "mark" > (SELECT IFNULL(MAX(rowid), 0) FROM "Problem");
END;
CREATE TRIGGER "Problem_fts_update" AFTER UPDATE OF "statement" ON "Problem" BEGIN
  DELETE FROM "ProblemTextFts" WHERE rowid = old.rowid;
  INSERT OR IGNORE INTO "ProblemFtsPending"("rid") VALUES (new.rowid);
END;
