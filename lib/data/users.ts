import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { isRole, type Role } from "@/lib/core/roles";
import { auth, isLocalEmail, localEmail, USERNAME_RE } from "@/lib/auth/auth";
import { columns, table } from "./sql-types";

// Accounts, as the CLI (`npm run int -- user ...`) and /settings/users manage them. The library stores and
// hashes (salted scrypt); these functions add the studio's rules: user names, roles, disabling, and an audit row
// for every change naming who made it.

/** email: the address single sign-on signs this account in with; null when it has none (the synthetic local one). */
export type UserRow = { id: string; name: string; role: Role; disabled: boolean; createdAt: string; email: string | null };
export type UserResult<T> = { ok: true; value: T } | { ok: false; error: string };

// The account table is better-auth's (mapped to auth_user); names checked by tsc (./sql-types.ts).
const U = table("auth_user");
const USER_COLUMNS = columns("auth_user", ["id", "name", "role", "disabled", "createdAt", "email"]);
type Raw = { id: string; name: string; role: string; disabled: number | boolean; createdAt: string | Date; email: string };
const toRow = (r: Raw): UserRow => ({
  id: r.id, name: r.name, role: isRole(r.role) ? r.role : "viewer", disabled: !!r.disabled,
  createdAt: r.createdAt instanceof Date ? r.createdAt.toISOString() : String(r.createdAt),
  email: isLocalEmail(r.email) ? null : r.email,
});

/** A one-time password shown once to whoever creates the account: 20 characters from 120 random bits. */
export const newPassword = () => randomBytes(15).toString("base64url");

async function ctx() {
  return auth().$context;
}

async function audit(actor: string, action: string, user: { id: string; name: string }, before: unknown, after: unknown) {
  await prisma.auditEvent.create({
    data: { actor, action, entity: "User", entityId: user.id, before: before === undefined ? null : JSON.stringify(before), after: JSON.stringify({ name: user.name, ...(after as object) }) },
  });
}

export async function listUsers(): Promise<UserRow[]> {
  const rows = await prisma.$queryRawUnsafe<Raw[]>(`SELECT ${USER_COLUMNS} FROM ${U} ORDER BY ${U.username}`);
  return rows.map(toRow);
}

export async function findUser(name: string): Promise<UserRow | null> {
  const rows = await prisma.$queryRawUnsafe<Raw[]>(`SELECT ${USER_COLUMNS} FROM ${U} WHERE ${U.username} = ?`, name.toLowerCase());
  return rows[0] ? toRow(rows[0]) : null;
}

/** Creates a local account; without `password` one is generated and returned (shown once). */
export async function addUser(input: { name: string; role: Role; password?: string; email?: string; actor: string }): Promise<UserResult<{ user: UserRow; password: string }>> {
  const { name, role, actor } = input;
  if (!USERNAME_RE.test(name)) return { ok: false, error: `"${name}" is not a user name: 2-64 letters, digits, ".", "_" or "-"` };
  if (await findUser(name)) return { ok: false, error: `A user named ${name} already exists` };
  const password = input.password ?? newPassword();
  const bad = passwordProblem(password);
  if (bad) return { ok: false, error: bad };
  const c = await ctx();
  const hash = await c.password.hash(password);
  // A real email only matters for single sign-on: the SSO account is linked to the user with the same email.
  const given = input.email?.trim() ? await ssoEmail(input.email) : null;
  if (given && !given.ok) return given;
  const email = given?.value ?? localEmail(name);
  // The admin vouches for a real address (SSO links only to a verified local email); the synthetic one never is.
  const emailVerified = !!given;
  // A generated password is one-time: its owner must choose their own at the first sign-in (a typed one is kept).
  const mustChangePassword = input.password === undefined;
  const u = await c.internalAdapter.createUser(
    { name, email, emailVerified, username: name.toLowerCase(), displayUsername: name, role, disabled: false, mustChangePassword },
    { method: "admin" },
  );
  await c.internalAdapter.linkAccount({ userId: u.id, providerId: "credential", accountId: u.id, password: hash });
  const user = (await findUser(name))!;
  await audit(actor, "user.add", user, undefined, { role, mustChangePassword });
  return { ok: true, value: { user, password } };
}

export async function setUserRole(input: { name: string; role: Role; actor: string }): Promise<UserResult<UserRow>> {
  const u = await findUser(input.name);
  if (!u) return { ok: false, error: `No user named ${input.name}` };
  if (u.role === input.role) return { ok: true, value: u };
  if (u.role === "admin" && !(await otherActiveAdmin(u.id))) return { ok: false, error: `${u.name} is the last admin; make another admin first` };
  await (await ctx()).internalAdapter.updateUser(u.id, { role: input.role });
  await audit(input.actor, "user.role", u, { role: u.role }, { role: input.role });
  return { ok: true, value: { ...u, role: input.role } };
}

/** Disables an account: it cannot sign in again and every session it has ends now. */
export async function disableUser(input: { name: string; actor: string }): Promise<UserResult<UserRow>> {
  const u = await findUser(input.name);
  if (!u) return { ok: false, error: `No user named ${input.name}` };
  if (u.role === "admin" && !u.disabled && !(await otherActiveAdmin(u.id))) return { ok: false, error: `${u.name} is the last admin; make another admin first` };
  const c = await ctx();
  await c.internalAdapter.updateUser(u.id, { disabled: true });
  await c.internalAdapter.deleteUserSessions(u.id);
  if (!u.disabled) await audit(input.actor, "user.disable", u, { disabled: false }, { disabled: true });
  return { ok: true, value: { ...u, disabled: true } };
}

/** Re-enables a disabled account: it can sign in again (with its old password; reset it if that was the reason). */
export async function enableUser(input: { name: string; actor: string }): Promise<UserResult<UserRow>> {
  const u = await findUser(input.name);
  if (!u) return { ok: false, error: `No user named ${input.name}` };
  if (!u.disabled) return { ok: true, value: u };
  await (await ctx()).internalAdapter.updateUser(u.id, { disabled: false });
  await audit(input.actor, "user.enable", u, { disabled: true }, { disabled: false });
  return { ok: true, value: { ...u, disabled: false } };
}

/**
 * An admin sets a new password for someone (forgotten, or handed to the wrong person): without `password` a
 * one-time one is generated and returned (shown once, as `user add` does). The old password stops working and every
 * session of the account ends now, so whoever held it is out. The audit row never holds the password.
 */
export async function resetUserPassword(input: { name: string; password?: string; actor: string }): Promise<UserResult<{ user: UserRow; password: string }>> {
  const u = await findUser(input.name);
  if (!u) return { ok: false, error: `No user named ${input.name}` };
  const password = input.password ?? newPassword();
  const bad = passwordProblem(password);
  if (bad) return { ok: false, error: bad };
  const c = await ctx();
  const hash = await c.password.hash(password);
  // An account made by single sign-on has no credential row yet: the reset gives it one (it can then use both).
  if (await c.internalAdapter.findCredentialAccount(u.id)) await c.internalAdapter.updatePassword(u.id, hash);
  else await c.internalAdapter.linkAccount({ userId: u.id, providerId: "credential", accountId: u.id, password: hash });
  const mustChangePassword = input.password === undefined; // generated: one-time, as in addUser
  await c.internalAdapter.updateUser(u.id, { mustChangePassword });
  await c.internalAdapter.deleteUserSessions(u.id);
  await audit(input.actor, "user.password", u, undefined, { reset: true, sessionsEnded: true, mustChangePassword });
  return { ok: true, value: { user: u, password } };
}

/** A signed-in person changed their own password (better-auth did it): the audit row, and a one-time password's end. */
export async function ownPasswordChanged(user: { id: string; name: string }): Promise<void> {
  await (await ctx()).internalAdapter.updateUser(user.id, { mustChangePassword: false });
  await audit(user.name, "user.password", user, undefined, { own: true, otherSessionsEnded: true });
}

/** Why a password is refused, or null: the same rule for new accounts, resets and the library (minPasswordLength). */
function passwordProblem(password: string): string | null {
  if (password.length < 8) return "The password needs at least 8 characters";
  if (password.length > 128) return "The password may have at most 128 characters";
  return null;
}

/**
 * The email single sign-on signs this account in with (`user email NAME ADDRESS`): an admin vouches for it, so it is
 * stored as verified (better-auth links an SSO identity only to a verified local email, and only when the provider
 * verified it too). Without an address the account goes back to its synthetic one: no SSO.
 */
export async function setUserEmail(input: { name: string; email: string | null; actor: string }): Promise<UserResult<UserRow & { email: string }>> {
  const u = await findUser(input.name);
  if (!u) return { ok: false, error: `No user named ${input.name}` };
  const given = input.email?.trim() ? await ssoEmail(input.email, u.id) : null;
  if (given && !given.ok) return given;
  const email = given?.value ?? localEmail(u.name);
  const c = await ctx();
  const before = (await c.internalAdapter.findUserById(u.id))?.email;
  if (before === email) return { ok: true, value: { ...u, email } };
  await c.internalAdapter.updateUser(u.id, { email, emailVerified: !!given });
  // An address removed or replaced takes its single sign-on with it: the provider identities linked through it are
  // unlinked (better-auth would otherwise find them by the provider's subject and sign the person in regardless), and
  // the account's sessions end, whichever way they were made. The password, if any, still works.
  let unlinked = 0;
  if (before && !isLocalEmail(before)) {
    for (const a of await c.internalAdapter.findAccounts(u.id))
      if (a.providerId !== "credential") {
        await c.internalAdapter.deleteAccount(a.id);
        unlinked++;
      }
    await c.internalAdapter.deleteUserSessions(u.id);
  }
  await audit(input.actor, "user.email", u, { email: before }, { email, ...(unlinked ? { unlinked } : {}) });
  return { ok: true, value: { ...u, email } };
}

/** An address an admin may give an account for single sign-on, lower-cased; refused with why. */
async function ssoEmail(raw: string, forUserId?: string): Promise<UserResult<string>> {
  const email = raw.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, error: `"${raw}" is not an email address` };
  if (isLocalEmail(email)) return { ok: false, error: `"${raw}" is a reserved local address, not one a provider can vouch for` };
  const other = await (await ctx()).internalAdapter.findUserByEmail(email);
  if (other && other.user.id !== forUserId) {
    const owner = (other.user as { username?: string }).username ?? other.user.name;
    return { ok: false, error: `The email ${email} already belongs to ${owner}` };
  }
  return { ok: true, value: email };
}

/** Active admins: `npm start` on a network address needs at least one. */
export async function activeAdminCount(): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM ${U} WHERE ${U.role} = 'admin' AND ${U.disabled} = 0`);
  return Number(rows[0]?.n ?? 0);
}

async function otherActiveAdmin(id: string): Promise<boolean> {
  const rows = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM ${U} WHERE ${U.role} = 'admin' AND ${U.disabled} = 0 AND ${U.id} <> ?`, id);
  return Number(rows[0]?.n ?? 0) > 0;
}
