// Entry of the queue writer thread (plain JS so Next's server can start it from disk): it loads
// the TypeScript through tsx, the same loader `npm start` and the CLI use.
import { register } from "tsx/esm/api";

register();
const { runQueueWriter } = await import("./queue-writer-thread.ts");
await runQueueWriter();
