// One web import in its own process (started by lib/import/web-import.ts): it reads the uploaded
// temp file streamed, exactly as `npm run int -- import` does, so the server's thread keeps
// serving pages and the import's memory is returned when it exits. Progress and the result go
// back over the IPC channel. If the server goes away the channel closes and this process exits
// before committing: the import's single transaction is then never written (all or nothing).
import { importFile } from "./importer";
import type { ImportOptions } from "./types";

export type ChildRequest = { path: string } & Pick<ImportOptions, "dataset" | "format" | "actor">;
export type ChildMessage =
  | { type: "progress"; records: number; bytesRead: number; totalBytes: number }
  | { type: "result"; result: Awaited<ReturnType<typeof importFile>> };

const PROGRESS_MS = 200;

function send(m: ChildMessage): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(m, undefined, {}, () => resolve()) : resolve()));
}

process.on("disconnect", () => process.exit(2));
process.once("message", async (req: ChildRequest) => {
  let last = 0;
  const result = await importFile(req.path, {
    dataset: req.dataset,
    format: req.format,
    actor: req.actor,
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      void send({ type: "progress", ...p });
    },
  });
  await send({ type: "result", result });
  process.exit(0);
});
