// The one-line notes under an import's counts. A re-import is described in records (what the
// user's file holds), not in rows: one record may hold a problem, a trace, a label and
// interventions, so "300 rows already present" for a 100-record file read as 300 records.
export type SummaryCounts = {
  format?: string;
  records?: number;
  recordsAlreadyPresent?: number;
  problemsEnriched?: number;
};

const n = (x: number) => x.toLocaleString("en");
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

export function importSummaryNotes(s: SummaryCounts): string[] {
  const notes: string[] = [];
  if (s.format) notes.push(`format ${s.format}`);
  if (s.records !== undefined) notes.push(`${plural(s.records, "record", "records")} read`);
  const present = s.recordsAlreadyPresent ?? 0;
  if (present > 0) {
    notes.push(
      present === s.records
        ? "all of them were already present: nothing new"
        : `${plural(present, "record was", "records were")} already present`,
    );
  }
  if (s.problemsEnriched)
    notes.push(`${plural(s.problemsEnriched, "existing problem", "existing problems")} completed`);
  return notes;
}
