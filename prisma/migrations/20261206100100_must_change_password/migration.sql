-- A one-time password is one-time (issue 13 leftovers): an account whose password an admin had generated (user add,
-- user password, /settings/users without a typed password) must choose its own at its first sign-in; until then
-- every page leads to /account and every action and route refuses (lib/auth/gate.ts, lib/auth/actor.ts).
ALTER TABLE "auth_user" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
-- Only a session signed in BY that password is held (a single sign-on session is not: its owner never had it);
-- better-auth writes the flag when it makes the session (lib/auth/auth.ts).
ALTER TABLE "auth_session" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
