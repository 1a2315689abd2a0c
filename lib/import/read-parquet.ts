// Parquet (Hugging Face stores dataset splits this way): rows as objects, read one row group at
// a time with hyparquet. line = row index + 1. Strings are decoded as strict UTF-8.
import { type AsyncBuffer, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { RawRecord } from "./types";
import { INVALID_UTF8, decodeUtf8 } from "./utf8";

class InvalidText {}

const parsers = {
  stringFromBytes(bytes: Uint8Array): unknown {
    return decodeUtf8(bytes) ?? new InvalidText();
  },
};

function findInvalid(v: unknown, path: string): string | null {
  if (v instanceof InvalidText) return path;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findInvalid(v[i], `${path}[${i}]`);
      if (p !== null) return p;
    }
  } else if (v && typeof v === "object" && !(v instanceof Uint8Array)) {
    for (const [k, x] of Object.entries(v)) {
      const p = findInvalid(x, path ? `${path}.${k}` : k);
      if (p !== null) return p;
    }
  }
  return null;
}

export async function* readParquet(file: AsyncBuffer): AsyncGenerator<RawRecord> {
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file, { parsers });
  } catch (e) {
    yield {
      line: 0,
      error: { field: "", message: `not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}` },
    };
    return;
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors, parsers });
    } catch (e) {
      yield {
        line: rowStart + 1,
        error: {
          field: "",
          message: `cannot read Parquet rows ${rowStart + 1}..${rowEnd}: ${e instanceof Error ? e.message : String(e)}`,
        },
      };
      return;
    }
    for (let i = 0; i < rows.length; i++) {
      const bad = findInvalid(rows[i], "");
      const line = rowStart + i + 1;
      yield bad !== null ? { line, error: { field: bad, message: INVALID_UTF8 } } : { line, value: rows[i] };
    }
    rowStart = rowEnd;
  }
}
