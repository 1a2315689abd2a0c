-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ImportRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "problems" INTEGER NOT NULL DEFAULT 0,
    "traces" INTEGER NOT NULL DEFAULT 0,
    "labels" INTEGER NOT NULL DEFAULT 0,
    "interventions" INTEGER NOT NULL DEFAULT 0,
    "actor" TEXT NOT NULL DEFAULT 'cli',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ImportRecord_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "externalId" TEXT,
    "statement" TEXT NOT NULL,
    "referenceSolution" TEXT NOT NULL DEFAULT '',
    "answer" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "metadata" TEXT NOT NULL DEFAULT '{}',
    "contentHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Problem_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Trace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "externalId" TEXT,
    "text" TEXT NOT NULL,
    "generator" TEXT NOT NULL DEFAULT '',
    "origin" TEXT NOT NULL DEFAULT 'imported',
    "correct" BOOLEAN,
    "stepCount" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'todo',
    "hasIntervention" BOOLEAN NOT NULL DEFAULT false,
    "humanStep" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Trace_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Trace_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FirstErrorLabel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "traceId" TEXT NOT NULL,
    "step" INTEGER,
    "source" TEXT NOT NULL,
    "annotator" TEXT NOT NULL,
    "checkFactual" BOOLEAN,
    "checkNotRecovered" BOOLEAN,
    "note" TEXT NOT NULL DEFAULT '',
    "badProblem" BOOLEAN NOT NULL DEFAULT false,
    "badReference" BOOLEAN NOT NULL DEFAULT false,
    "unsure" BOOLEAN NOT NULL DEFAULT false,
    "proposalId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FirstErrorLabel_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Intervention" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "traceId" TEXT NOT NULL,
    "location" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "origin" TEXT NOT NULL,
    "originalContent" TEXT,
    "author" TEXT NOT NULL DEFAULT '',
    "provenance" TEXT NOT NULL DEFAULT '{}',
    "contentHash" TEXT NOT NULL,
    "proposalId" TEXT,
    "verified" BOOLEAN,
    "rolloutsCorrect" INTEGER NOT NULL DEFAULT 0,
    "rolloutsTotal" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Intervention_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "traceId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PromptTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "turn1" TEXT NOT NULL,
    "turn2" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "datasetId" TEXT,
    "params" TEXT NOT NULL DEFAULT '{}',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Job_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "result" TEXT,
    "error" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "JobItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "traceId" TEXT NOT NULL,
    "jobItemId" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "templateId" TEXT,
    "templateHash" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL,
    "sampling" TEXT NOT NULL DEFAULT '{}',
    "turn1Raw" TEXT NOT NULL DEFAULT '',
    "turn2Raw" TEXT NOT NULL DEFAULT '',
    "promptTokens" INTEGER,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "parseOk" BOOLEAN NOT NULL,
    "parseReason" TEXT,
    "location" INTEGER,
    "content" TEXT,
    "verificationLog" TEXT,
    "errorReport" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Proposal_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rollout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "problemId" TEXT NOT NULL,
    "traceId" TEXT,
    "interventionId" TEXT,
    "condition" TEXT NOT NULL,
    "sample" INTEGER NOT NULL,
    "jobItemId" TEXT,
    "model" TEXT NOT NULL,
    "sampling" TEXT NOT NULL DEFAULT '{}',
    "text" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "extracted" TEXT,
    "method" TEXT,
    "correct" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Rollout_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rollout_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rollout_interventionId_fkey" FOREIGN KEY ("interventionId") REFERENCES "Intervention" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_name_key" ON "Dataset"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ImportRecord_datasetId_fileHash_key" ON "ImportRecord"("datasetId", "fileHash");

-- CreateIndex
CREATE INDEX "Problem_datasetId_createdAt_idx" ON "Problem"("datasetId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_datasetId_contentHash_key" ON "Problem"("datasetId", "contentHash");

-- CreateIndex
CREATE INDEX "Trace_datasetId_status_id_idx" ON "Trace"("datasetId", "status", "id");

-- CreateIndex
CREATE INDEX "Trace_datasetId_generator_id_idx" ON "Trace"("datasetId", "generator", "id");

-- CreateIndex
CREATE INDEX "Trace_datasetId_id_idx" ON "Trace"("datasetId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Trace_problemId_contentHash_key" ON "Trace"("problemId", "contentHash");

-- CreateIndex
CREATE INDEX "FirstErrorLabel_source_step_idx" ON "FirstErrorLabel"("source", "step");

-- CreateIndex
CREATE UNIQUE INDEX "FirstErrorLabel_traceId_source_annotator_key" ON "FirstErrorLabel"("traceId", "source", "annotator");

-- CreateIndex
CREATE INDEX "Intervention_traceId_status_idx" ON "Intervention"("traceId", "status");

-- CreateIndex
CREATE INDEX "Intervention_status_idx" ON "Intervention"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Intervention_traceId_contentHash_key" ON "Intervention"("traceId", "contentHash");

-- CreateIndex
CREATE INDEX "AuditEvent_traceId_createdAt_idx" ON "AuditEvent"("traceId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "PromptTemplate_name_version_key" ON "PromptTemplate"("name", "version");

-- CreateIndex
CREATE INDEX "Job_status_idx" ON "Job"("status");

-- CreateIndex
CREATE INDEX "JobItem_jobId_status_idx" ON "JobItem"("jobId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "JobItem_jobId_key_key" ON "JobItem"("jobId", "key");

-- CreateIndex
CREATE INDEX "Proposal_traceId_idx" ON "Proposal"("traceId");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_traceId_jobItemId_sample_key" ON "Proposal"("traceId", "jobItemId", "sample");

-- CreateIndex
CREATE INDEX "Rollout_interventionId_condition_idx" ON "Rollout"("interventionId", "condition");

-- CreateIndex
CREATE INDEX "Rollout_problemId_condition_idx" ON "Rollout"("problemId", "condition");

-- CreateIndex
CREATE UNIQUE INDEX "Rollout_jobItemId_sample_key" ON "Rollout"("jobItemId", "sample");
