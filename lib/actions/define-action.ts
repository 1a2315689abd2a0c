import { z } from "zod";
import { AuthError, requireRole, type Actor } from "@/lib/auth/actor";
import { fail, type ActionResult } from "@/lib/actions/result";
import type { Role } from "@/lib/core/roles";

// Every server action is built here (issue 15 §2): the role is checked on the server first (nothing about the input
// is read for someone who may not act), then zod validates, then the body runs; a refusal or an expected failure
// comes back as the one-line ActionResult error, and anything unexpected is logged with the action's name and input
// and shown as a generic line, never as "the server did not answer".

// `invalid`: the one line shown when the input does not validate (default: "Invalid input: <fields>").
export type ActionOptions = { role: Role; name: string; invalid?: string };
/** A tuple schema takes positional arguments (`rename(id, name)`); any other schema one argument. */
type Args<S extends z.ZodType> = z.input<S> extends readonly unknown[] ? z.input<S> : [input: z.input<S>];
type Body<S extends z.ZodType, T> = (input: z.output<S>, actor: Actor) => Promise<ActionResult<T>>;

const fieldErrors = (e: z.ZodError) => z.flattenError(e).fieldErrors as Record<string, string[]>;

/** The refusal a person sees when they may not act (AuthError), else null. */
export function refusal(e: unknown): ActionResult<never> | null {
  return e instanceof AuthError
    ? fail(
        e.status === 401 ? "Sign in first: you are not signed in (or your session ended)." : `Refused: ${e.message}.`,
      )
    : null;
}

async function run<S extends z.ZodType, T>(
  schema: S,
  opts: ActionOptions,
  raw: unknown,
  fn: Body<S, T>,
): Promise<ActionResult<T>> {
  let actor: Actor;
  try {
    actor = await requireRole(opts.role);
  } catch (e) {
    const r = refusal(e);
    if (r) return r;
    console.error(`[action ${opts.name}] could not tell who is acting`, e);
    return fail("Could not check who you are; see the server log.");
  }
  const p = schema.safeParse(raw);
  if (!p.success) {
    const fe = fieldErrors(p.error);
    // Object inputs name their fields; positional ones (tuple indexes) say what is wrong instead.
    const keys = Object.keys(fe).filter((k) => !/^\d+$/.test(k));
    if (opts.invalid) return fail(opts.invalid, fe);
    return fail(
      keys.length ? `Invalid input: ${keys.join(", ")}` : (p.error.issues[0]?.message ?? "Invalid input"),
      fe,
    );
  }
  try {
    return await fn(p.data, actor);
  } catch (e) {
    const r = refusal(e);
    if (r) return r;
    // Next's redirect()/notFound() are control flow, not failures: let them through.
    if (e && typeof e === "object" && "digest" in e && /^NEXT_/.test(String((e as { digest: unknown }).digest)))
      throw e;
    console.error(`[action ${opts.name}] failed`, { actor: actor.name, input: p.data }, e);
    return fail(`The server failed (${opts.name}); see its log and try again.`);
  }
}

export function defineAction<S extends z.ZodType, T>(
  schema: S,
  opts: ActionOptions,
  fn: Body<S, T>,
): (...args: Args<S>) => Promise<ActionResult<T>> {
  const positional = schema instanceof z.ZodTuple;
  return async (...args: Args<S>) => run(schema, opts, positional ? args : args[0], fn);
}

/** For `useActionState` forms: `(previousState, formData)`, validated as the form's fields. */
export function defineFormAction<S extends z.ZodType, T>(
  schema: S,
  opts: ActionOptions,
  fn: Body<S, T>,
): (prev: unknown, form: FormData) => Promise<ActionResult<T>> {
  return async (_prev: unknown, form: FormData) =>
    run(schema, opts, form instanceof FormData ? Object.fromEntries(form) : form, fn);
}
