import { z } from "zod";

// The one place environment variables are read and validated. Each one is listed, with what it does, in
// .env.example (lib/env.test.ts checks both lists agree); ESLint refuses `process.env` elsewhere in the app.
// An empty value counts as unset (`FOO= npm start` turns FOO off rather than setting it to "").
const Env = z.object({
  DATABASE_URL: z.string().default("file:./data/int-studio.db"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MODEL_BASE_URL: z.string().optional(),
  MODEL_NAME: z.string().optional(),
  MODEL_API_KEY: z.string().optional(),
  TRAINED_MODEL_BASE_URL: z.string().optional(),
  TRAINED_MODEL_NAME: z.string().optional(),
  TRAINED_MODEL_API_KEY: z.string().optional(),
  PROPOSER_MODEL_BASE_URL: z.string().optional(),
  PROPOSER_MODEL_NAME: z.string().optional(),
  PROPOSER_MODEL_API_KEY: z.string().optional(),
  INT_USER: z.string().optional(),
  // Host names the studio answers to besides the loopback names (lib/server/request-guard.ts).
  INT_ALLOWED_HOSTS: z.string().optional(),
  // No longer opens the network (a non-loopback HOST needs an admin account); read only to say so (lib/cli/serve.ts).
  INT_ALLOW_NETWORK: z.enum(["", "0", "1"]).optional(),
  // Sign-in (lib/auth/auth.ts). The cookie-signing secret; unset: one generated beside the database file.
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  // Optional single sign-on: GitHub, and/or any OpenID Connect provider (discovery URL + client).
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  OIDC_DISCOVERY_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  // "1": a first SSO sign-in creates a viewer account; else only accounts an admin made (same email) sign in.
  INT_SSO_SIGNUP: z.enum(["", "0", "1"]).optional(),
  // "1": served over https (a TLS proxy in front): the session cookie is Secure.
  INT_SECURE_COOKIES: z.enum(["", "0", "1"]).optional(),
  // Where the server runs model jobs (lib/jobs/server-runner.ts): its own thread, the server's thread, or not at all.
  INT_JOB_RUNNER: z.enum(["thread", "inline", "off"]).default("thread"),
  // The served model's tokenizer_config.json (or .jinja) for the "model-file" chat template (lib/tokens/chat.ts).
  INT_CHAT_TEMPLATE_FILE: z.string().optional(),
  // Path of the grading pool's worker entry, when it is not found beside lib/grade (lib/grade/worker-path.ts).
  INT_GRADE_WORKER: z.string().optional(),
  // The Next build folder `npm start` builds into and serves (parallel builds use their own).
  NEXT_DIST_DIR: z.string().default(".next"),
  // Node's own options; the dashboard's server adds its V8 flags to them (lib/server/node-flags.ts).
  NODE_OPTIONS: z.string().optional(),
});
export type Env = z.infer<typeof Env>;

/** The variables the app reads (each listed in .env.example). */
export const ENV_KEYS = Env.keyof().options;

let cached: { raw: (string | undefined)[]; env: Env } | undefined;
/**
 * The validated environment. Re-parsed only when one of its variables changed since the last call (tests
 * set them between cases; the server never does), so a hot path pays a few property reads.
 */
export function env(): Env {
  const raw = ENV_KEYS.map((k) => process.env[k] || undefined);
  if (cached && raw.every((v, i) => v === cached!.raw[i])) return cached.env;
  const input = Object.fromEntries(ENV_KEYS.map((k, i) => [k, raw[i]]));
  const parsed = Env.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join(".")}: ${i.message} (got ${JSON.stringify(input[String(i.path[0])])})`,
    );
    throw new Error(`invalid environment variable(s), see .env.example:\n${lines.join("\n")}`);
  }
  cached = { raw, env: parsed.data };
  return parsed.data;
}

/** The environment of a child process: this one's, plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Filesystem path of a `file:` SQLite URL (relative paths resolve against the working directory). */
export function sqlitePath(url = env().DATABASE_URL): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL for SQLite, got ${url}`);
  return url.slice("file:".length).replace(/\?.*$/, "");
}
