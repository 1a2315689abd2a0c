-- Issue 13 §2: work queues. A queue's items, the reservations people hold on them and their completions.
-- Additive: new tables only.

-- CreateTable
CREATE TABLE "Queue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "filter" TEXT NOT NULL DEFAULT '{}',
    "overlap" INTEGER NOT NULL DEFAULT 1,
    "assignees" TEXT NOT NULL DEFAULT '[]',
    "reserveMinutes" INTEGER NOT NULL DEFAULT 30,
    "blind" BOOLEAN NOT NULL DEFAULT true,
    "order" TEXT NOT NULL DEFAULT 'filter',
    "vsModel" BOOLEAN NOT NULL DEFAULT false,
    "vsImported" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Queue_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QueueItem" (
    "queueId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "triage" TEXT NOT NULL DEFAULT '',
    "doneCount" INTEGER NOT NULL DEFAULT 0,
    "open" BOOLEAN NOT NULL DEFAULT true,

    PRIMARY KEY ("queueId", "traceId"),
    CONSTRAINT "QueueItem_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QueueReservation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "queueId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "annotator" TEXT NOT NULL,
    "reservedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "endReason" TEXT,
    CONSTRAINT "QueueReservation_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QueueCompletion" (
    "queueId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "annotator" TEXT NOT NULL,
    "seconds" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("queueId", "traceId", "annotator"),
    CONSTRAINT "QueueCompletion_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Queue_datasetId_createdAt_idx" ON "Queue"("datasetId", "createdAt");

-- CreateIndex
CREATE INDEX "QueueItem_queueId_open_position_idx" ON "QueueItem"("queueId", "open", "position");

-- CreateIndex
CREATE INDEX "QueueReservation_queueId_traceId_endedAt_expiresAt_idx" ON "QueueReservation"("queueId", "traceId", "endedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "QueueReservation_queueId_annotator_endedAt_expiresAt_idx" ON "QueueReservation"("queueId", "annotator", "endedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "QueueCompletion_queueId_annotator_idx" ON "QueueCompletion"("queueId", "annotator");

