import { AuthError, requireRole } from "@/lib/auth/actor";
import { listUsers } from "@/lib/data/users";
import { signInRequired } from "@/lib/auth/mode";
import { AddUserForm } from "@/components/auth/add-user-form";
import { UserEmailControl } from "@/components/auth/user-email-control";
import { UserRowControls } from "@/components/auth/user-row-controls";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users · InT Studio" };

export default async function UsersPage() {
  try {
    await requireRole("admin");
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    return (
      <p role="alert" className="mx-auto max-w-3xl text-sm text-rose-700">
        Only admins manage users ({e.message}).
      </p>
    );
  }
  const [users, on] = await Promise.all([listUsers(), signInRequired()]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="users-h">
        <div>
          <h1 id="users-h" className="text-lg font-semibold">
            Users
          </h1>
          <p className="text-sm text-slate-600">
            {on ? "Sign-in is on." : "Single-user mode: adding the first account turns sign-in on (make it an admin)."}{" "}
            Roles: viewer reads; annotator labels, writes interventions and comments; curator also imports, runs jobs,
            accepts, edits, rejects, adjudicates and exports; admin also manages users, model endpoints and settings,
            and renames or deletes datasets. A disabled account cannot sign in and its sessions end at once; “Enable”
            lets it back in. “Reset password” shows a new one-time password once: the old one stops working and the
            account is signed out everywhere. A one-time password (a new account’s too) lets its owner do one thing:
            choose their own password on their account page, where people also change it later.
          </p>
        </div>
        {users.length === 0 ? (
          <p className="text-sm text-slate-600">No accounts yet.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 font-medium">Name</th>
                <th className="font-medium">Role</th>
                <th className="font-medium">State</th>
                <th className="font-medium" title="The address single sign-on signs this account in with">
                  Sign-on email
                </th>
                <th className="font-medium">Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-t border-slate-100" aria-label={`User ${u.name}`}>
                  <td className="py-1.5 pr-2 font-medium">{u.name}</td>
                  <td className="pr-2">{u.role}</td>
                  <td className={u.disabled ? "pr-2 text-rose-700" : "pr-2 text-emerald-700"}>
                    {u.disabled ? "disabled" : "active"}
                  </td>
                  <td>
                    <UserEmailControl key={u.email ?? ""} name={u.name} email={u.email} />
                  </td>
                  <td className="text-slate-500">{u.createdAt.slice(0, 10)}</td>
                  <td className="text-right">
                    <UserRowControls name={u.name} role={u.role} disabled={u.disabled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="add-user-h">
        <h2 id="add-user-h" className="font-semibold">
          Add a user
        </h2>
        <AddUserForm />
      </section>
    </div>
  );
}
