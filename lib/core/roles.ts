// Who may do what. Roles are ordered: each one can do everything the ones before it can.
// viewer reads; annotator labels first errors, writes interventions and comments; curator imports, starts jobs,
// accepts/edits/rejects, adjudicates, creates queues and exports; admin manages users, roles, model endpoints and
// settings, and renames or deletes datasets.
export const ROLES = ["viewer", "annotator", "curator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === "string" && (ROLES as readonly string[]).includes(v);
export const roleAtLeast = (role: Role, min: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(min);
