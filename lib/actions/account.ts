"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { APIError } from "better-auth/api";
import { fail, ok } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";
import { auth } from "@/lib/auth/auth";
import { auditOwnPasswordChange, passwordProblem } from "@/lib/data/users";

// /account: a signed-in person changes their own password. better-auth checks the current password, stores the new
// hash, ends every other session of the account (a lost laptop, a shared one-time password) and gives this browser a
// fresh session cookie (nextCookies sets it from the server action). The audit row never holds a password.

const Input = z.object({
  currentPassword: z.string().min(1, "Enter your current password"),
  newPassword: z.string().refine((p) => !passwordProblem(p), { message: "8 to 128 characters" }),
});

export const changeOwnPasswordAction = defineAction(
  Input,
  { role: "viewer", name: "changeOwnPassword" },
  async (data, actor) => {
    if (!actor.userId) return fail("Single-user mode has no accounts, so there is no password to change.");
    if (data.newPassword === data.currentPassword) return fail("The new password is the current one.");
    try {
      await auth().api.changePassword({
        body: { currentPassword: data.currentPassword, newPassword: data.newPassword, revokeOtherSessions: true },
        headers: await headers(),
      });
    } catch (e) {
      if (e instanceof APIError && /invalid password/i.test(e.message))
        return fail("The current password is wrong.", { currentPassword: ["wrong"] });
      if (e instanceof APIError) return fail(`Not changed: ${e.message}`);
      throw e;
    }
    await auditOwnPasswordChange({ id: actor.userId, name: actor.name });
    return ok({ otherSessionsEnded: true });
  },
);
