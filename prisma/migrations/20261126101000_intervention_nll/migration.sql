-- On-policyness (issue 5 §3): mean negative log-likelihood of an intervention's tokens under
-- the base model given problem + prefix. A model measurement, not a person's curation: set by
-- the "onpolicy" job, cleared when the content is edited.
ALTER TABLE "Intervention" ADD COLUMN "nllMean" REAL;
ALTER TABLE "Intervention" ADD COLUMN "nllTokens" INTEGER;
ALTER TABLE "Intervention" ADD COLUMN "nllModel" TEXT;
ALTER TABLE "Intervention" ADD COLUMN "nllAt" DATETIME;
-- one model's scores in nllMean order, covering the columns the dataset statistics read
-- (quartiles by ORDER BY/OFFSET, histogram, outliers above the fence)
CREATE INDEX "Intervention_nllModel_nllMean_status_traceId_idx" ON "Intervention"("nllModel", "nllMean", "status", "traceId");
