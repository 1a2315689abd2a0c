// Entry of the job-runner thread (plain JS so Next's server can start it from disk): it loads
// the TypeScript runner through tsx, the same loader `npm start` and the CLI use.
import { register } from "tsx/esm/api";

register();
const { runWorker } = await import("./worker-main.ts");
runWorker();
