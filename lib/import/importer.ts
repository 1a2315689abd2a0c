// importFile / importBuffer: read records, parse them with the format's pure parser, and write
// them in ONE transaction as they stream by. The first error stops the writing (the transaction
// is rolled back at the end) but reading goes on to report up to MAX_ERRORS errors at once.
import { basename } from "node:path";
import { IMPORT_FORMATS, type ImportFormat, detectFormat, isImportFormat, parseRecord } from "@/lib/core/formats";
import { MAX_ERRORS } from "@/lib/core/formats/limits";
import { recordId } from "@/lib/core/formats/record-id";
import { openImportWriter } from "@/lib/data/import";
import { type OpenResult, openBufferSource, openFileSource } from "./source";
import type { ImportError, ImportOptions, ImportResult, RecordSource } from "./types";

const PROGRESS_EVERY = 1000;

function fail(file: string, message: string, line = 0, field = ""): ImportResult {
  return { ok: false, errors: [{ file, line, field, message }], truncated: false };
}

async function run(source: RecordSource, file: string, opts: ImportOptions): Promise<ImportResult> {
  const name = opts.dataset;
  if (!name || name.length > 200) return fail(file, "a dataset name (1..200 characters) is required", 0, "dataset");
  const actor = opts.actor || "cli";
  // the type says ImportFormat, but scripts and forms send strings: refuse an unknown name up front
  if (opts.format && opts.format !== "auto" && !isImportFormat(opts.format)) {
    return fail(file, `unknown format "${opts.format}" (use auto, ${IMPORT_FORMATS.join(", ")})`, 0, "format");
  }
  let format: ImportFormat | null = opts.format && opts.format !== "auto" ? opts.format : null;
  const errors: ImportError[] = [];
  let truncated = false;
  let records = 0;
  let recordsAlreadyPresent = 0;
  // id -> line of its first record: a second record with the same id is refused, naming both.
  const seenIds = new Map<string, number>();
  let writer: ReturnType<typeof openImportWriter>;
  try {
    writer = openImportWriter(name, actor);
  } catch (e) {
    return fail(file, `cannot start the import: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ctx = { source: file };
  try {
    for await (const raw of source.records) {
      if (errors.length >= MAX_ERRORS) {
        truncated = true;
        break;
      }
      if ("error" in raw) {
        errors.push({ file, line: raw.line, ...raw.error });
        continue;
      }
      if (!format) {
        const d = detectFormat(raw.value);
        if (!d.ok) {
          errors.push({ file, line: raw.line, field: "", message: d.reason });
          break;
        }
        format = d.value;
      }
      const parsed = parseRecord(format, raw.value, ctx);
      records++;
      if (!parsed.ok) {
        for (const e of parsed.errors) errors.push({ file, line: raw.line, ...e });
      } else {
        const rid = recordId(parsed.value, raw.value as Record<string, unknown>);
        const first = rid ? seenIds.get(rid.id) : undefined;
        if (rid && first !== undefined) {
          const where = `${file}:${first}:${rid.field}`;
          errors.push({
            file,
            line: raw.line,
            field: rid.field,
            message: `duplicate ${rid.field} ${JSON.stringify(rid.id)}: ${where} has the same ${rid.field}`,
          });
        } else {
          if (rid) seenIds.set(rid.id, raw.line);
          if (errors.length === 0 && !writer.write(parsed.value, { file, line: raw.line })) recordsAlreadyPresent++;
        }
      }
      if (records % PROGRESS_EVERY === 0)
        opts.onProgress?.({ records, bytesRead: source.bytesRead(), totalBytes: source.totalBytes });
    }
    if (errors.length === 0 && records === 0)
      errors.push({ file, line: 0, field: "", message: "the file holds no records" });
    if (errors.length > 0 || !format) {
      writer.rollback();
      return { ok: false, errors: errors.slice(0, MAX_ERRORS), truncated: truncated || errors.length > MAX_ERRORS };
    }
    const fileHash = source.fileHash();
    const { added, skipped, problemsEnriched } = writer.counts();
    const { alreadyImported } = writer.finish({ fileName: file, fileHash, format });
    opts.onProgress?.({ records, bytesRead: source.totalBytes, totalBytes: source.totalBytes });
    return {
      ok: true,
      dataset: name,
      datasetId: writer.datasetId,
      format,
      fileName: file,
      fileHash,
      records,
      recordsAlreadyPresent,
      ...added,
      skipped,
      problemsEnriched,
      alreadyImported,
    };
  } catch (e) {
    writer.rollback();
    const line = records;
    return fail(file, `import failed, nothing was written: ${e instanceof Error ? e.message : String(e)}`, line);
  }
}

// One import at a time per process: the import holds SQLite's write lock for its whole
// transaction, and a second one would block the event loop waiting for it.
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

async function withSource(
  open: () => Promise<OpenResult> | OpenResult,
  file: string,
  opts: ImportOptions,
): Promise<ImportResult> {
  return serialized(async () => {
    const opened = await open();
    if (!opened.ok) return fail(file, opened.message);
    return run(opened.value, file, opts);
  });
}

export async function importFile(path: string, opts: ImportOptions): Promise<ImportResult> {
  return withSource(() => openFileSource(path), basename(path), opts);
}

export async function importBuffer(bytes: Uint8Array, fileName: string, opts: ImportOptions): Promise<ImportResult> {
  return withSource(() => openBufferSource(bytes, fileName), basename(fileName), opts);
}
