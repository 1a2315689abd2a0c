import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { betterAuth } from "better-auth";
import { genericOAuth, username } from "better-auth/plugins";
import { nextCookies } from "better-auth/next-js";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nameLimiter } from "@/lib/auth/name-limit";
import { env, sqlitePath } from "@/lib/env";
import { ensureMigrated } from "@/lib/data/migrate";
import { openSqlite, type Sqlite } from "@/lib/data/sqlite";
import { table } from "@/lib/data/sql-types";
import { allowedHosts } from "@/lib/server/request-guard";

// better-auth's account table, as the studio's own reads name it (typed: lib/data/sql-types.ts).
const AU = table("auth_user");

// Sign-in with better-auth: made for Next.js, keeps users and sessions in our own SQLite file (its Kysely
// adapter on better-sqlite3, tables from prisma/migrations/*_auth), hashes passwords with salted scrypt, signs
// the session cookie, checks the Origin of every write against trusted origins and rate-limits sign-in.
// Local accounts sign in with a user name (username plugin); the library requires an email, so local
// accounts get a synthetic one that can never receive mail (.invalid is reserved, RFC 2606).

const LOCAL_EMAIL_DOMAIN = "users.int-studio.invalid";
export const localEmail = (name: string) => `${name.toLowerCase()}@${LOCAL_EMAIL_DOMAIN}`;
/** A synthetic local address: never verified, so single sign-on never reaches the account behind it. */
export const isLocalEmail = (email: string) => email.toLowerCase().endsWith(`@${LOCAL_EMAIL_DOMAIN}`);
// Names as the CLI and the admin page accept them: written into labels and the audit trail.
export const USERNAME_RE = /^[a-zA-Z0-9_.-]{2,64}$/;
// Sign-in attempts per user name and minute before 429 (lib/auth/name-limit.ts says why per name), and per client
// address (the library's limiter; its default, 3 per 10 s, would trip a lab signing in together behind one NAT).
export const SIGN_IN_LIMIT = { window: 60, max: 5 };
export const SIGN_IN_ADDRESS_LIMIT = { window: 60, max: 60 };
// better-auth's endpoints that sign in with a password (a one-time one gives a session that can only change it).
const PASSWORD_SIGN_IN = new Set(["/sign-in/username", "/sign-in/email"]);

/** The cookie-signing secret: BETTER_AUTH_SECRET, else one generated once and kept beside the database (0600). */
function secretFor(dbFile: string): string {
  const fromEnv = env().BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = `${dbFile}.auth-secret`;
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  return readFileSync(file, "utf8").trim();
}

function openAuthDb(dbFile: string): Sqlite {
  return openSqlite(`file:${dbFile}`);
}

/**
 * Optional single sign-on, only when its environment variables are all set (README "Sign-in"). The rule for who
 * gets in (lib/auth/oidc.test.ts signs in through a stub provider): the provider must vouch for the email
 * (email_verified), and that email must be one an admin gave an account (`user add NAME --email ADDRESS`): that
 * account signs in, with its role. Anyone else is refused, unless INT_SSO_SIGNUP=1: then a first sign-in creates a
 * viewer named after the email (ssoUserDefaults). `disableSignUp` (not only "implicit"): a client could otherwise ask
 * for sign-up itself (`requestSignUp`).
 */
function ssoOptions() {
  const e = env();
  const signUp = e.INT_SSO_SIGNUP === "1";
  const socialProviders =
    e.GITHUB_CLIENT_ID && e.GITHUB_CLIENT_SECRET
      ? {
          github: {
            clientId: e.GITHUB_CLIENT_ID,
            clientSecret: e.GITHUB_CLIENT_SECRET,
            disableSignUp: !signUp,
          },
        }
      : undefined;
  const oidc =
    e.OIDC_DISCOVERY_URL && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? [
          genericOAuth({
            config: [
              {
                providerId: "oidc",
                discoveryUrl: e.OIDC_DISCOVERY_URL,
                clientId: e.OIDC_CLIENT_ID,
                clientSecret: e.OIDC_CLIENT_SECRET,
                scopes: ["openid", "profile", "email"],
                disableSignUp: !signUp,
              },
            ],
          }),
        ]
      : [];
  return { socialProviders, oidc };
}

function createAuth(dbFile: string, db = openAuthDb(dbFile)) {
  const hosts = allowedHosts(env().INT_ALLOWED_HOSTS)
    .map((h) => (h.port ? `${h.name}:${h.port}` : [h.name, `${h.name}:*`]))
    .flat();
  const { socialProviders, oidc } = ssoOptions();
  const perName = nameLimiter(SIGN_IN_LIMIT);
  return betterAuth({
    appName: "InT Studio",
    database: db,
    secret: secretFor(dbFile),
    // The studio answers to the loopback names and INT_ALLOWED_HOSTS (lib/server/request-guard.ts); the same
    // list decides the origins better-auth trusts for writes and redirects.
    baseURL: { allowedHosts: hosts, fallback: `http://127.0.0.1:${env().PORT}`, protocol: "auto" },
    // The studio serves plain http itself (loopback, or a lab network); a "__Secure-" cookie would not be kept there.
    // Behind a TLS proxy set INT_SECURE_COOKIES=1.
    advanced: { useSecureCookies: env().INT_SECURE_COOKIES === "1" },
    user: {
      modelName: "auth_user",
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
        // the password was generated by an admin (shown once): its owner must choose their own (lib/data/users.ts)
        mustChangePassword: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    session: {
      modelName: "auth_session",
      // signed in with a one-time password (the account's mustChangePassword, by password): see the session hook
      additionalFields: { mustChangePassword: { type: "boolean", required: false, defaultValue: false, input: false } },
    },
    verification: { modelName: "auth_verification" },
    // Accounts are made by an admin (CLI or /settings/users), never by a public sign-up form.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    // SSO signs in the account an admin made with the same email (`user add NAME --email ...`, marked verified), and
    // only when the provider says it verified that email: no provider is "trusted" to assert an email it did not
    // check, and the synthetic local emails are never verified, so no SSO identity can take over a local account.
    account: { modelName: "auth_account", accountLinking: { enabled: true, trustedProviders: [] } },
    // Where a refused single sign-on lands (?error=CODE): the sign-in page says what happened.
    onAPIError: { errorURL: "/sign-in" },
    socialProviders,
    rateLimit: { enabled: true, storage: "memory", customRules: { "/sign-in/*": SIGN_IN_ADDRESS_LIMIT } },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/username") return;
        const name = typeof ctx.body?.username === "string" ? ctx.body.username : "";
        if (!perName.take(name))
          throw new APIError("TOO_MANY_REQUESTS", {
            message: "Too many sign-in attempts for this user name: wait a minute.",
          });
      }),
      // A person changed their own password (/account posts to this handler: better-auth checks the current one,
      // ends every other session and sets this browser's new cookie): here, on the server, the audit row is written
      // and a one-time password's hold on the account ends.
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/change-password") return;
        const done = ctx.context.returned as { user?: { id?: unknown; name?: unknown } } | undefined;
        if (done instanceof APIError || typeof done?.user?.id !== "string") return;
        const { ownPasswordChanged } = await import("@/lib/data/users"); // users.ts imports this module
        await ownPasswordChanged({ id: done.user.id, name: String(done.user.name) });
      }),
    },
    databaseHooks: {
      user: { create: { before: async (user) => ({ data: ssoUserDefaults(db, user) }) } },
      session: {
        create: {
          // A disabled account gets no new session, whichever way it signs in.
          before: async (session, ctx) => {
            const u = db
              .prepare(`SELECT ${AU.disabled}, ${AU.mustChangePassword} FROM ${AU} WHERE ${AU.id} = ?`)
              .get(session.userId) as { disabled: number; mustChangePassword: number } | undefined;
            // A session made by the one-time password an admin generated can only change it (lib/auth/gate.ts). A
            // single sign-on session cannot: that person never had the password, and needs none.
            const oneTime = !!u?.mustChangePassword && PASSWORD_SIGN_IN.has(ctx?.path ?? "");
            if (u && !u.disabled) return { data: { ...session, mustChangePassword: oneTime } };
            // Said after the password was checked (this hook runs then), so it tells nothing to a guesser.
            throw new APIError("FORBIDDEN", {
              code: "account_disabled", // a refused single sign-on lands on /sign-in?error=account_disabled
              message: "This account is disabled: ask an admin to enable it.",
            });
          },
        },
      },
    },
    plugins: [
      username({ minUsernameLength: 2, maxUsernameLength: 64, usernameValidator: (u) => USERNAME_RE.test(u) }),
      ...oidc,
      nextCookies(), // must stay last: lets server actions set the session cookie
    ],
  });
}

/**
 * A user created by a first SSO sign-in (INT_SSO_SIGNUP=1) has no user name: it gets one from its email's local part
 * (lower case, made valid, "-2", "-3"... when taken), so labels, the audit trail and `user role NAME` name it like any account;
 * its role is viewer whatever the provider's profile says. Accounts an admin makes come with a user name: unchanged.
 */
function ssoUserDefaults(db: Sqlite, user: Record<string, unknown>): Record<string, unknown> {
  if (typeof user.username === "string" && user.username) return user;
  const local = String(user.email ?? "").split("@")[0];
  const base = (
    local
      .toLowerCase()
      .replace(/[^a-z0-9_.-]/g, "-")
      .slice(0, 60) || "sso-user"
  ).padEnd(2, "-");
  const taken = (n: string) => !!db.prepare(`SELECT 1 FROM ${AU} WHERE ${AU.username} = ?`).get(n);
  let name = base;
  for (let i = 2; taken(name); i++) name = `${base}-${i}`;
  return { ...user, name, username: name, displayUsername: name, role: "viewer", disabled: false };
}

type Auth = ReturnType<typeof createAuth>;

const instances = new Map<string, { auth: Auth; db: Sqlite }>();
function instance(url: string) {
  let i = instances.get(url);
  if (!i) {
    ensureMigrated(url); // a fresh file gets its tables first
    const db = openAuthDb(sqlitePath(url));
    i = { auth: createAuth(sqlitePath(url), db), db };
    instances.set(url, i);
  }
  return i;
}

/** The studio's auth for DATABASE_URL. */
export const auth = (url = env().DATABASE_URL): Auth => instance(url).auth;

/** How many accounts exist (any state): synchronous and cheap, the proxy asks it on every request until one exists. */
export const accountCount = (url = env().DATABASE_URL): number =>
  (instance(url).db.prepare(`SELECT count(*) AS n FROM ${AU}`).get() as { n: number }).n;
