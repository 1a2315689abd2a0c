"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ACTOR_COOKIE } from "@/lib/server/actor";
import { fail, ok, type ActionResult } from "@/lib/actions/result";

// The name written into labels, interventions and the audit trail. No authentication:
// the studio runs on a researcher's machine or a trusted network.
const UserName = z.string().trim().min(1, "Enter a name").max(64, "At most 64 characters").regex(/^[^\u0000-\u001f;,]+$/, "No control characters, commas or semicolons");

export async function setUserName(name: string): Promise<ActionResult<{ name: string }>> {
  const r = UserName.safeParse(name);
  if (!r.success) return fail(r.error.issues[0]?.message ?? "Invalid name", { name: r.error.issues.map((i) => i.message) });
  (await cookies()).set(ACTOR_COOKIE, r.data, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365, httpOnly: false });
  revalidatePath("/", "layout");
  return ok({ name: r.data });
}
