import { prisma, type Tx } from "@/lib/db";
import { writeAudit } from "./audit";

// The key/value Setting table (model endpoints, job knobs, the turn-1 mode, batch metadata).
// A change a person makes is written with its AuditEvent in one transaction (lib/data/audit.ts).

/** The client or a transaction, for callers outside lib/data that pass one through. */
export type SettingsDb = Tx;

/** The stored values of these keys (a key never saved is absent). */
export async function readSettings(keys: readonly string[], db: Tx = prisma): Promise<Map<string, string>> {
  const rows = await db.setting.findMany({ where: { key: { in: [...keys] } } });
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function readSetting(key: string, db: Tx = prisma): Promise<string | null> {
  return (await db.setting.findUnique({ where: { key } }))?.value ?? null;
}

export async function writeSettings(values: Readonly<Record<string, string>>, db: Tx = prisma): Promise<void> {
  for (const [key, value] of Object.entries(values)) await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/**
 * A person's change of settings: the values and one AuditEvent (entity "Setting") in one
 * transaction. `before` / `after` are what the trail shows (an API key as "(set)", never itself).
 */
export async function writeSettingsAudited(
  values: Readonly<Record<string, string>>,
  audit: { actor: string; action: string; entityId: string; before: unknown; after: unknown },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await writeSettings(values, tx);
    await writeAudit(tx, { ...audit, entity: "Setting", traceId: null });
  });
}
