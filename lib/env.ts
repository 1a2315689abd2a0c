import { z } from "zod";

// The one place environment variables are read and validated.
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
});
export type Env = z.infer<typeof Env>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= Env.parse({ ...process.env, MODEL_BASE_URL: process.env.MODEL_BASE_URL || undefined, TRAINED_MODEL_BASE_URL: process.env.TRAINED_MODEL_BASE_URL || undefined, PROPOSER_MODEL_BASE_URL: process.env.PROPOSER_MODEL_BASE_URL || undefined, BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET || undefined, OIDC_DISCOVERY_URL: process.env.OIDC_DISCOVERY_URL || undefined });
  return cached;
}

/** Filesystem path of a `file:` SQLite URL (relative paths resolve against the working directory). */
export function sqlitePath(url = env().DATABASE_URL): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL for SQLite, got ${url}`);
  return url.slice("file:".length).replace(/\?.*$/, "");
}
