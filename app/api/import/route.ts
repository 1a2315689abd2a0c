// POST /api/import (multipart: file, dataset, format?) -> 202 {ok: true, importId}: the file is
// streamed to a temp file (the size limit counts the bytes as they arrive), then imported in a
// child process, all or nothing. Progress and the result: GET /api/import/[importId].
// POST /api/import?wait=1 (scripts): waits for the import, 200 {ok: true, summary} | 400 {ok: false, errors}.
// 400/413 {ok: false, errors: [{file, line, field, message}]} when the upload itself is refused.
import { dirname, join } from "node:path";
import { rm } from "node:fs/promises";
import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/core/formats";
import { MAX_FILE_BYTES } from "@/lib/core/formats/limits";
import { sqlitePath } from "@/lib/env";
import { receiveUpload } from "@/lib/import/receive-upload";
import type { ImportPostResponse } from "@/lib/import/types";
import { startWebImport } from "@/lib/import/web-import";
import { refuseForeignRequest } from "@/lib/server/guard-response";
import { defineRoute } from "@/lib/server/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Form = z.object({
  dataset: z.string().trim().min(1, "a dataset name is required").max(200),
  format: z.enum(["auto", ...IMPORT_FORMATS]).default("auto"),
});

type Err = { file: string; line: number; field: string; message: string };
// Connection: close, so that a refused upload's remaining bytes are not read (and discarded) too.
const refuse = (status: number, errors: Err[]) =>
  Response.json({ ok: false, errors } satisfies ImportPostResponse, {
    status,
    headers: status === 413 ? { connection: "close" } : {},
  });

/** Beside the database (not /tmp, which may be memory-backed): uploads are as large as the limit. */
const uploadRoot = () => join(dirname(sqlitePath()), ".uploads");

export const POST = defineRoute(
  { role: "curator", name: "POST /api/import" },
  async (request, _ctx, actor): Promise<Response> => {
    // Not covered by proxy.ts (it would buffer the upload): refuse a foreign Host or origin here.
    const refused = refuseForeignRequest(request);
    if (refused) return refused;
    const received = await receiveUpload(request, { maxFileBytes: MAX_FILE_BYTES, tempRoot: uploadRoot() });
    if (!received.ok) {
      const { status, field, message } = received.refusal;
      return refuse(status, [{ file: "", line: 0, field, message }]);
    }
    const upload = received.upload;
    const parsed = Form.safeParse({ dataset: upload.fields.dataset, format: upload.fields.format || undefined });
    if (!parsed.success) {
      await rm(upload.dir, { recursive: true, force: true });
      const issue = parsed.error.issues[0];
      return refuse(400, [
        { file: upload.fileName, line: 0, field: String(issue.path[0] ?? ""), message: issue.message },
      ]);
    }
    const { run, finished } = startWebImport(upload, {
      dataset: parsed.data.dataset,
      format: parsed.data.format,
      actor: actor.name,
    });
    if (new URL(request.url).searchParams.get("wait") === "1") {
      const result = (await finished).result;
      if (!result?.ok) return Response.json(result satisfies ImportPostResponse | null, { status: 400 });
      const { ok: _ok, ...summary } = result;
      return Response.json({ ok: true, summary } satisfies ImportPostResponse);
    }
    return Response.json({ ok: true, importId: run.id } satisfies ImportPostResponse, {
      status: 202,
      headers: { location: `/api/import/${run.id}` },
    });
  },
);
