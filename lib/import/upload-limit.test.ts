// The upload size limit holds on the byte stream: a chunked upload (no Content-Length) over the
// limit is refused with 413 after reading at most the limit (plus framing), and a large upload
// under the limit goes to a temp file without growing the server's memory by its size.
// The limit is lowered to 32 MB here so that the test moves tens of MB, not the real 500 MB.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, test, vi } from "vitest";

const LIMIT = 32 * 1024 * 1024;
vi.mock("@/lib/core/formats/limits", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MAX_FILE_BYTES: LIMIT,
}));
vi.mock("@/lib/server/actor", () => ({ getActor: async () => "uploader" }));
const { POST } = await import("@/app/api/import/route");
const { pollImport } = await import("./upload-test-client");
const { sqlitePath } = await import("@/lib/env");

const BOUNDARY = "----int-test-boundary";
const CHUNK = 64 * 1024;
// Blank lines of spaces: a JSONL with no records, quickly read. One chunk object is enqueued
// again and again, so the sender makes no garbage and the RSS growth measured is the receiver's
// (a receiver that copies what it reads into memory, as Request.formData() does, grows by it).
const filler = new Uint8Array(CHUNK).fill(0x20);
filler[CHUNK - 1] = 0x0a;
const rss = () => process.memoryUsage.rss();

/** A multipart body of `fileBytes` bytes of file, produced on demand; counts what was pulled. */
function chunkedUpload(fileBytes: number) {
  const enc = new TextEncoder();
  const head = enc.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="dataset"\r\n\r\nlimit-test\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\nContent-Type: application/jsonl\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${BOUNDARY}--\r\n`);
  const stats = { pulled: 0 };
  let sent = -1;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk: Uint8Array;
      if (sent < 0) {
        chunk = head;
        sent = 0;
      } else if (sent < fileBytes) {
        chunk = fileBytes - sent >= CHUNK ? filler : filler.subarray(0, fileBytes - sent);
        sent += chunk.length;
      } else if (sent === fileBytes) {
        chunk = tail;
        sent++;
      } else return controller.close();
      stats.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  // A stream body is sent chunked: there is no Content-Length header.
  const request = new Request("http://localhost/api/import", {
    method: "POST",
    body,
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    duplex: "half",
  } as RequestInit);
  return { request, stats };
}

// Upload folders other than those present when this file started (test databases share /tmp).
const listUploads = () => {
  try {
    return readdirSync(join(dirname(sqlitePath()), ".uploads"));
  } catch {
    return [];
  }
};
const existing = new Set(listUploads());
const uploadsLeft = () => listUploads().filter((d) => !existing.has(d));

describe("upload size limit on the byte stream", () => {
  // First: RSS freed by an earlier test would be reused and hide a receiver's growth.
  test("a 30 MB chunked upload under the limit is streamed to disk: server memory grows by far less than its size", async () => {
    const { request, stats } = chunkedUpload(30 * 1024 * 1024);
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 5);
    const res = await POST(request);
    clearInterval(sampler);
    peak = Math.max(peak, rss());
    expect(stats.pulled).toBeGreaterThan(30 * 1024 * 1024);
    expect(peak - before).toBeLessThan(12 * 1024 * 1024);
    expect(res.status).toBe(202);
    const run = await pollImport((await res.json()).importId);
    expect(run).toMatchObject({ phase: "failed", totalBytes: 30 * 1024 * 1024 });
    expect(run.result.errors[0]).toMatchObject({ file: "big.jsonl", message: "the file holds no records" });
    expect(uploadsLeft()).toEqual([]); // removed once the import ended
  });
  test("a chunked upload 8x over the limit is refused with 413 after reading no more than the limit", async () => {
    const { request, stats } = chunkedUpload(8 * LIMIT);
    expect(request.headers.get("content-length")).toBeNull();
    const res = await POST(request);
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0]).toMatchObject({ field: "file", message: expect.stringContaining("32.0 MB") });
    // Read at most the limit, the multipart framing allowance and the chunks in flight.
    expect(stats.pulled).toBeLessThanOrEqual(LIMIT + 64 * 1024 + 4 * CHUNK);
    expect(uploadsLeft()).toEqual([]); // the partial temp file is gone
  });
});
