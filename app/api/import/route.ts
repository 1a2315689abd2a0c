// POST /api/import (multipart: file, dataset, format?) -> runs the import (all or nothing).
// 200 {ok: true, summary} | 400/413 {ok: false, errors: [{file, line, field, message}]}
import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/core/formats";
import { MAX_FILE_BYTES, formatBytes } from "@/lib/core/formats/limits";
import { importBuffer } from "@/lib/import";
import { getActor } from "@/lib/server/actor";
import { refuseForeignRequest } from "@/lib/server/guard-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Form = z.object({
  dataset: z.string().trim().min(1, "a dataset name is required").max(200),
  format: z.enum(["auto", ...IMPORT_FORMATS]).default("auto"),
});

type Err = { file: string; line: number; field: string; message: string };
const refuse = (status: number, errors: Err[]) => Response.json({ ok: false, errors }, { status });

export async function POST(request: Request): Promise<Response> {
  // Not covered by proxy.ts (it would buffer the upload): refuse a foreign Host or origin here.
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_FILE_BYTES + 1024 * 1024)
    return refuse(413, [{ file: "", line: 0, field: "file", message: `the upload is ${formatBytes(length)}; the limit is ${formatBytes(MAX_FILE_BYTES)}` }]);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, [{ file: "", line: 0, field: "", message: "expected a multipart/form-data upload with a file" }]);
  }
  const file = form.get("file");
  if (!(file instanceof File)) return refuse(400, [{ file: "", line: 0, field: "file", message: "choose a file to import" }]);
  const parsed = Form.safeParse({ dataset: form.get("dataset") ?? undefined, format: form.get("format") || undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(400, [{ file: file.name, line: 0, field: String(issue.path[0] ?? ""), message: issue.message }]);
  }
  if (file.size > MAX_FILE_BYTES)
    return refuse(413, [{ file: file.name, line: 0, field: "file", message: `the file is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_FILE_BYTES)}` }]);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await importBuffer(bytes, file.name || "upload", { dataset: parsed.data.dataset, format: parsed.data.format, actor: await getActor() });
  if (!result.ok) return Response.json(result, { status: 400 });
  const { ok: _ok, ...summary } = result;
  return Response.json({ ok: true, summary });
}
