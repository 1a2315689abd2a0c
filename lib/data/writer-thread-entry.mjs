// Entry of the writer thread (plain JS so Next's server can start it from disk): it loads
// the TypeScript through tsx, the same loader `npm start` and the CLI use.
import { register } from "tsx/esm/api";

register();
const { runWriterThread } = await import("./writer-thread-worker.ts");
await runWriterThread();
