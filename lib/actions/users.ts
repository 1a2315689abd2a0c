"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";
import { ROLES } from "@/lib/core/roles";
import { addUser, disableUser, enableUser, resetUserPassword, setUserEmail, setUserRole } from "@/lib/data/users";

// /settings/users: admins add accounts (the one-time password is returned once, to be handed over), change roles,
// disable accounts (their sessions end at once), enable them again and set a new one-time password (the old one stops
// working, the sessions end). Every change is audited under the admin's name. A person's own password: account.ts.

const Name = z.string().trim().min(1, "Enter a user name").max(64);
const Role = z.enum(ROLES);

export const addUserAction = defineAction(
  z.object({ name: Name, role: Role }),
  { role: "admin", name: "addUser" },
  async (data, actor) => {
    const r = await addUser({ ...data, actor: actor.name });
    if (!r.ok) return fail(r.error, { name: [r.error] });
    revalidatePath("/settings/users");
    return ok({ name: r.value.user.name, role: r.value.user.role, password: r.value.password });
  },
);

export const setUserRoleAction = defineAction(
  z.object({ name: Name, role: Role }),
  { role: "admin", name: "setUserRole" },
  async (data, actor) => {
    const r = await setUserRole({ ...data, actor: actor.name });
    if (!r.ok) return fail(r.error);
    revalidatePath("/settings/users");
    return ok({ name: r.value.name, role: r.value.role });
  },
);

export const disableUserAction = defineAction(
  z.object({ name: Name }),
  { role: "admin", name: "disableUser" },
  async (data, actor) => {
    if (data.name.toLowerCase() === actor.name.toLowerCase()) return fail("You cannot disable your own account.");
    const r = await disableUser({ ...data, actor: actor.name });
    if (!r.ok) return fail(r.error);
    revalidatePath("/settings/users");
    return ok({ name: r.value.name });
  },
);

export const enableUserAction = defineAction(
  z.object({ name: Name }),
  { role: "admin", name: "enableUser" },
  async (data, actor) => {
    const r = await enableUser({ ...data, actor: actor.name });
    if (!r.ok) return fail(r.error);
    revalidatePath("/settings/users");
    return ok({ name: r.value.name });
  },
);

export const resetUserPasswordAction = defineAction(
  z.object({ name: Name }),
  { role: "admin", name: "resetUserPassword" },
  async (data, actor) => {
    // Resetting your own would sign you out with a password on screen: the account page asks for the current one.
    if (data.name.toLowerCase() === actor.name.toLowerCase())
      return fail("Change your own password on your account page (it asks for the current one).");
    const r = await resetUserPassword({ ...data, actor: actor.name });
    if (!r.ok) return fail(r.error);
    return ok({ name: r.value.user.name, password: r.value.password });
  },
);

/** The email single sign-on signs this account in with (an admin vouches for it); empty: no single sign-on. */
export const setUserEmailAction = defineAction(
  z.object({ name: Name, email: z.string().trim().max(254) }),
  { role: "admin", name: "setUserEmail" },
  async (data, actor) => {
    const r = await setUserEmail({ name: data.name, email: data.email || null, actor: actor.name });
    if (!r.ok) return fail(r.error, { email: [r.error] });
    revalidatePath("/settings/users");
    return ok({ name: r.value.name, email: data.email ? r.value.email : null });
  },
);
