import { env } from "@/lib/env";

/** The name CLI commands write into labels, jobs and the audit trail: INT_USER, else "cli". */
export const cliActor = (): string => env().INT_USER || "cli";
