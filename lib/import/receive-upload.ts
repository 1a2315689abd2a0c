// Receives a multipart upload (one file + short text fields) by streaming it to a temporary file
// with busboy. The size limit is enforced on the bytes as they arrive, not on Content-Length
// (a chunked request has none): past the limit reading stops, the partial file is deleted and
// the caller answers 413. Nothing of the file is ever held in memory beyond a stream chunk.
import { type WriteStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { formatBytes } from "@/lib/core/formats/limits";

export type ReceivedUpload = {
  dir: string;
  path: string;
  fileName: string;
  size: number;
  fields: Record<string, string>;
};
export type UploadRefusal = { status: 400 | 413; field: string; message: string };
export type ReceiveResult = { ok: true; upload: ReceivedUpload } | { ok: false; refusal: UploadRefusal };

/** Multipart framing and the text fields: what a request may carry on top of the file. */
const OVERHEAD_BYTES = 64 * 1024;
const MAX_FIELD_BYTES = 4 * 1024;

class Refused extends Error {
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.message);
  }
}

/** Upload folders older than this are left over from a server that was killed mid-import. */
const STALE_MS = 24 * 60 * 60 * 1000;
const swept = new Set<string>();

/** Once per process and folder: removes leftovers of killed servers (a live import is far younger). */
async function sweepStale(root: string): Promise<void> {
  if (swept.has(root)) return;
  swept.add(root);
  const now = Date.now();
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith("upload-")) continue;
    const path = join(root, name);
    const s = await stat(path).catch(() => null);
    if (s && now - s.mtimeMs > STALE_MS) await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

const tooLarge = (limit: number): UploadRefusal => ({
  status: 413,
  field: "file",
  message: `the upload is over the limit of ${formatBytes(limit)}`,
});

/** A file name safe to use inside our temp folder: no path, no control characters. */
function safeName(name: string): string {
  const base = basename(name.replace(/\\/g, "/"))
    .replace(/[\u0000-\u001f/]/g, "_")
    .slice(0, 200);
  return base && base !== "." && base !== ".." ? base : "upload";
}

export async function receiveUpload(
  request: Request,
  opts: { maxFileBytes: number; tempRoot: string },
): Promise<ReceiveResult> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type) || !request.body)
    return {
      ok: false,
      refusal: { status: 400, field: "", message: "expected a multipart/form-data upload with a file" },
    };
  const declared = Number(request.headers.get("content-length") ?? NaN);
  // A declared length over the limit is refused before a byte is read.
  if (declared > opts.maxFileBytes + OVERHEAD_BYTES) return { ok: false, refusal: tooLarge(opts.maxFileBytes) };

  await mkdir(opts.tempRoot, { recursive: true });
  await sweepStale(opts.tempRoot);
  const dir = await mkdtemp(join(opts.tempRoot, "upload-"));
  const reader = request.body.getReader();
  try {
    const upload = await parse(reader, type, dir, opts.maxFileBytes);
    return { ok: true, upload };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    reader.cancel().catch(() => undefined);
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, refusal: { status: 400, field: "", message: `the upload could not be read: ${message}` } };
  }
}

async function parse(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  type: string,
  dir: string,
  maxFileBytes: number,
): Promise<ReceivedUpload> {
  const bb = busboy({
    headers: { "content-type": type },
    limits: { files: 1, fileSize: maxFileBytes, fields: 8, fieldSize: MAX_FIELD_BYTES, parts: 10 },
  });
  const fields: Record<string, string> = {};
  let file: Promise<{ fileName: string; size: number; path: string }> | null = null;
  let sink: WriteStream | null = null;
  let failure: Error | null = null;
  let wake = () => {};
  const failed = new Promise<void>((resolve) => (wake = resolve));
  const fail = (e: Error) => {
    failure ??= e;
    wake(); // a wait for back-pressure or for the end must not outlive a failure
  };

  bb.on("field", (name, value, info) => {
    if (info.valueTruncated)
      fail(new Refused({ status: 400, field: name, message: `is longer than ${formatBytes(MAX_FIELD_BYTES)}` }));
    else fields[name] = value;
  });
  bb.on("file", (name, stream, info) => {
    if (name !== "file" || file) {
      stream.resume();
      return;
    }
    const fileName = safeName(info.filename ?? "");
    const path = join(dir, fileName);
    let size = 0;
    stream.on("data", (c: Buffer) => (size += c.length));
    stream.on("limit", () => fail(new Refused(tooLarge(maxFileBytes))));
    sink = createWriteStream(path);
    file = pipeline(stream, sink).then(() => ({ fileName, size, path }));
    file.catch(fail);
  });
  bb.on("filesLimit", () => fail(new Refused({ status: 400, field: "file", message: "send one file per import" })));
  bb.on("partsLimit", () => fail(new Refused({ status: 400, field: "", message: "too many form fields" })));
  bb.on("error", (e) => fail(e instanceof Error ? e : new Error(String(e))));
  try {
    return await feed(
      reader,
      bb,
      maxFileBytes,
      failed,
      () => failure,
      () => file,
      fields,
      dir,
    );
  } catch (e) {
    // Stop writing and wait until the temp file is closed, so the caller can delete the folder.
    bb.destroy();
    (sink as WriteStream | null)?.destroy();
    await (file as Promise<unknown> | null)?.catch(() => undefined);
    throw e;
  }
}

type FileDone = { fileName: string; size: number; path: string };

// Feeds busboy chunk by chunk, honouring its back-pressure (it pauses while the disk catches up),
// and counts every byte so that framing or fields cannot carry an unbounded body either.
async function feed(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  bb: busboy.Busboy,
  maxFileBytes: number,
  failed: Promise<void>,
  failure: () => Error | null,
  file: () => Promise<FileDone> | null,
  fields: Record<string, string>,
  dir: string,
): Promise<ReceivedUpload> {
  const closed = new Promise<void>((resolve) => bb.on("close", resolve));
  let total = 0;
  for (;;) {
    const f = failure();
    if (f) throw f;
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxFileBytes + OVERHEAD_BYTES) throw new Refused(tooLarge(maxFileBytes));
    if (!bb.write(value)) await Promise.race([new Promise<void>((resolve) => bb.once("drain", resolve)), failed]);
  }
  bb.end();
  await Promise.race([closed, failed]);
  const pending = file();
  if (failure()) throw failure();
  if (!pending) throw new Refused({ status: 400, field: "file", message: "choose a file to import" });
  const got = await pending;
  if (failure()) throw failure();
  return { dir, fields, ...got };
}
