-- Issue 13 §4: comments on a trace, optionally anchored to a step or an intervention.
-- Comment_datasetId_status_traceId_idx answers the trace list's "has open comments" filter
-- (lib/data/trace-list-sql.ts) from the index alone: the open comments of one dataset, by trace.

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "traceId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "step" INTEGER,
    "interventionId" TEXT,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedBy" TEXT,
    "resolvedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Comment_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_interventionId_fkey" FOREIGN KEY ("interventionId") REFERENCES "Intervention" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Comment_traceId_createdAt_idx" ON "Comment"("traceId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_datasetId_status_traceId_idx" ON "Comment"("datasetId", "status", "traceId");

-- CreateIndex
CREATE INDEX "Comment_interventionId_idx" ON "Comment"("interventionId");
