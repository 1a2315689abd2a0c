-- Issue 15 §4, the tail of text search: a query of common words ("of we then this since") has
-- every trigram in ~every trace, so the trigram index (20261206020000_text_search_fts, detail=none:
-- no positions) named ~128,000 candidates and the LIKE check of them all took 0.5-1.1 s at
-- 100,000 traces. This word index keeps token positions, so lib/data/text-search-sql.ts can ask
-- for the query's complete words as a phrase ("we then this since"*): 324 candidates instead.
-- Measured on the bench's 128,000 ~5 KB texts: built in 8 s, +157 MB (the trigram index: 99 MB;
-- a positional trigram index would be 1,042 MB). unicode61 folds ASCII case as LIKE does (and
-- more), remove_diacritics 0; the phrase is only built from ASCII words, see text-search-sql.ts.
-- Same rows, mark and pending queue as "TraceTextFts": lib/data/text-search.ts indexes a row
-- into both in one transaction, so "indexed" means the same for both.
CREATE VIRTUAL TABLE "TraceWordFts" USING fts5("text", content='', contentless_delete=1, detail=full, tokenize='unicode61 remove_diacritics 0');

-- the rows the trigram index holds now (100,000 traces: ~8 s, once)
INSERT INTO "TraceWordFts"(rowid, "text") SELECT rowid, "text" FROM "Trace"
  WHERE rowid <= (SELECT "mark" FROM "TextFtsMark" WHERE "tbl" = 'Trace') AND rowid NOT IN (SELECT "rid" FROM "TraceFtsPending");

DROP TRIGGER "Trace_fts_delete";
CREATE TRIGGER "Trace_fts_delete" AFTER DELETE ON "Trace" BEGIN
  DELETE FROM "TraceTextFts" WHERE rowid = old.rowid;
  DELETE FROM "TraceWordFts" WHERE rowid = old.rowid;
  DELETE FROM "TraceFtsPending" WHERE "rid" = old.rowid;
  UPDATE "TextFtsMark" SET "mark" = (SELECT IFNULL(MAX(rowid), 0) FROM "Trace") WHERE "tbl" = 'Trace' AND "mark" > (SELECT IFNULL(MAX(rowid), 0) FROM "Trace");
END;
DROP TRIGGER "Trace_fts_update";
CREATE TRIGGER "Trace_fts_update" AFTER UPDATE OF "text" ON "Trace" BEGIN
  DELETE FROM "TraceTextFts" WHERE rowid = old.rowid;
  DELETE FROM "TraceWordFts" WHERE rowid = old.rowid;
  INSERT OR IGNORE INTO "TraceFtsPending"("rid") VALUES (new.rowid);
END;
