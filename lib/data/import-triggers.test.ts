import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env } from "@/lib/env";
import { importFile } from "@/lib/import";
import type { ImportItem } from "@/lib/core/formats";
import { openImportWriter } from "./import";
import { IMPORT_SUSPENDED_TRIGGERS, suspendImportTriggers } from "./import-triggers";
import { ensureMigrated } from "./migrate";
import { openSqlite } from "./sqlite";

// The importer drops the trace list's insert triggers inside its transaction (./import-triggers.ts). What must hold:
// nobody else ever sees them missing, and the schema after an import, good or failed, is the one before, byte for byte.
const schema = () => {
  const db = openSqlite(env().DATABASE_URL, { queryOnly: true });
  try {
    return db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all();
  } finally {
    db.close();
  }
};
const triggers = () => (schema() as { type: string; name: string }[]).filter((r) => r.type === "trigger").map((r) => r.name);

const item = (i: number): ImportItem => ({
  problem: { statement: `Suspend ${i}: what is 2+2?`, referenceSolution: "4", answer: "4", source: "t", externalId: null, metadata: {} },
  trace: { text: `Step one.\n\n2+2=${i}.`, generator: "m", externalId: null, correct: false },
  label: { step: 2, annotator: "file" },
  interventions: [{ location: 2, content: "Add again.", provenance: {} }],
});

describe("the importer's suspension of the trace list triggers", () => {
  beforeAll(() => ensureMigrated(env().DATABASE_URL));

  it("is invisible to another connection while the import runs, and the schema is byte-identical after it", async () => {
    const before = schema();
    expect(triggers()).toEqual(expect.arrayContaining([...IMPORT_SUSPENDED_TRIGGERS]));
    const w = openImportWriter(`suspend-${randomUUID()}`, "t");
    try {
      for (let i = 0; i < 5; i++) w.write(item(i), { file: "f", line: i + 1 });
      // the writer's own connection has dropped them; a reader (the pages) still sees the committed schema
      expect(schema()).toEqual(before);
      w.finish({ fileName: "f", fileHash: randomUUID(), format: "int" });
    } finally {
      w.rollback();
    }
    expect(schema()).toEqual(before);
  });

  it("comes back with the rollback of a failed import (a bad line after good ones)", async () => {
    const before = schema();
    const dir = mkdtempSync(join(tmpdir(), "suspend-"));
    const good = JSON.stringify({ problem: "What is 1+1?", answer: "2", reference_solution: "1+1=2.", incorrect_attempt: "So 3.", intervention: { content: "Recount.", location: 1 }, model: "m" });
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, `${good}\n{"problem": 1}\n`);
    const r = await importFile(file, { dataset: `suspend-bad-${randomUUID()}`, format: "int", actor: "t" });
    expect(r.ok).toBe(false);
    expect(schema()).toEqual(before);
  });

  it("refuses outside a write transaction, where dropping them would be seen by everyone", () => {
    const db = openSqlite(env().DATABASE_URL);
    try {
      expect(() => suspendImportTriggers(db)).toThrow(/inside its write transaction/);
      expect(triggers()).toEqual(expect.arrayContaining([...IMPORT_SUSPENDED_TRIGGERS]));
    } finally {
      db.close();
    }
  });
});
