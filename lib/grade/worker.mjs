// Worker-thread entry of the grading pool. It is plain JavaScript so that it starts the same way
// under vitest, tsx and the Next server: it registers tsx's loader in this thread, then loads the
// TypeScript worker body.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
