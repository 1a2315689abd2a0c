import { createReadStream, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileWriter, parquetWriteRows } from "hyparquet-writer";
import { Zip, ZipPassThrough } from "fflate";
import type { SchemaElement } from "hyparquet";
import { HF_FEATURES, HF_PARQUET_PATH, datasetCard, hfRow, type HfFeature } from "@/lib/core/export/hf";
import type { IntRow } from "@/lib/core/export/int";
import type { Provenance } from "@/lib/core/export/provenance";
import { ExportFacts } from "./export-facts";
import { exportRows, newCounts, type ExportCounts, type ExportOptions } from "./export";
import { provenanceJson, provenanceOf } from "./export-provenance";

// Writes the `hf` export folder (lib/core/export/hf.ts): the rows stream into Parquet one row
// group at a time (hyparquet-writer, Snappy), then the card and provenance.json are written
// from the counts. The web download zips the same folder.

export const HF_FILES = ["README.md", "provenance.json", HF_PARQUET_PATH] as const;

const leaf = (name: string, dtype: "string" | "int64"): SchemaElement =>
  dtype === "string"
    ? { name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" }
    : { name, type: "INT64", repetition_type: "REQUIRED" };

/** The Parquet schema of the features (a struct becomes a required group). */
export function hfParquetSchema(features: readonly HfFeature[] = HF_FEATURES): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: "root", num_children: features.length }];
  for (const f of features) {
    if ("dtype" in f) schema.push(leaf(f.name, f.dtype));
    else schema.push({ name: f.name, repetition_type: "REQUIRED", num_children: f.struct.length }, ...f.struct.map((s) => leaf(s.name, s.dtype)));
  }
  return schema;
}

async function* asHfRows(rows: AsyncGenerator<unknown>) {
  for await (const r of rows) yield hfRow(r as IntRow);
}

/**
 * Writes DIR/README.md, DIR/provenance.json and DIR/data/train-00000-of-00001.parquet. The
 * Parquet file is written beside as `.partial` and renamed when complete.
 */
export async function writeHfFolder(dir: string, o: ExportOptions, dataset: { id: string; name: string }): Promise<{ counts: ExportCounts; provenance: Provenance }> {
  const opts: ExportOptions = { ...o, format: "hf", facts: new ExportFacts(dataset.id) };
  const counts = newCounts(opts);
  const parquet = join(dir, HF_PARQUET_PATH);
  mkdirSync(join(dir, "data"), { recursive: true });
  const partial = `${parquet}.partial`;
  try {
    await parquetWriteRows({
      writer: fileWriter(partial),
      rows: asHfRows(exportRows(opts, counts)),
      columns: HF_FEATURES.map((f) => ({ name: f.name })),
      schema: hfParquetSchema(),
      rowGroupSize: 1000,
      statistics: false,
      createdBy: "int-studio (hyparquet-writer)",
    });
    renameSync(partial, parquet);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  const provenance = provenanceOf(opts, dataset, counts, opts.facts!, [...HF_FILES]);
  writeFileSync(join(dir, "provenance.json"), provenanceJson(provenance));
  writeFileSync(join(dir, "README.md"), datasetCard({ datasetName: dataset.name, provenance }));
  return { counts, provenance };
}

/**
 * The folder as a .zip stream (web download): written to a temporary folder first (the card
 * needs the final counts), then each file is stored (Parquet is already compressed) chunk by
 * chunk; the folder is removed when the stream ends or is cancelled.
 */
export async function hfZipStream(o: ExportOptions, dataset: { id: string; name: string }, root: string): Promise<ReadableStream<Uint8Array>> {
  const tmp = mkdtempSync(join(tmpdir(), "int-hf-"));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  try {
    await writeHfFolder(tmp, o, dataset);
  } catch (e) {
    cleanup();
    throw e;
  }
  let files: AsyncGenerator<void> | null = null;
  let sent = 0; // chunks enqueued: a pull must enqueue at least one, or a waiting reader would hang
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        sent++;
        controller.enqueue(chunk);
        if (final) {
          controller.close();
          cleanup();
        }
      });
      files = (async function* () {
        for (const name of HF_FILES) {
          const entry = new ZipPassThrough(`${root}/${name}`);
          zip.add(entry);
          for await (const buf of createReadStream(join(tmp, name), { highWaterMark: 1 << 20 })) {
            entry.push(new Uint8Array(buf as Buffer));
            yield;
          }
          entry.push(new Uint8Array(0), true);
        }
        zip.end();
      })();
    },
    async pull(controller) {
      try {
        const before = sent;
        while (sent === before) if ((await files!.next()).done) return;
      } catch (e) {
        cleanup();
        controller.error(e);
      }
    },
    async cancel() {
      await files?.return(undefined);
      cleanup();
    },
  });
}
