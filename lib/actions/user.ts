"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ACTOR_COOKIE } from "@/lib/server/actor";
import { fail, ok } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";

// Single-user mode only: the name written into labels, interventions and the audit trail, typed in the header.
// With sign-in on, the name is the account's and this is refused.
const UserName = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(64, "At most 64 characters")
  .regex(/^[^\u0000-\u001f;,]+$/, "No control characters, commas or semicolons");

export const setUserName = defineAction(
  z.tuple([UserName]),
  { role: "viewer", name: "setUserName" },
  async ([name], actor) => {
    if (actor.userId !== null)
      return fail("You are signed in: your name is your account's. Sign out to act as someone else.");
    (await cookies()).set(ACTOR_COOKIE, name, {
      path: "/",
      sameSite: "lax",
      maxAge: 60 * 60 * 24 * 365,
      httpOnly: false,
    });
    revalidatePath("/", "layout");
    return ok({ name });
  },
);
