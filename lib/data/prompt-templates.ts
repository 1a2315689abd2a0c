import { prisma, type Tx } from "@/lib/db";
import type { PromptTemplate } from "@/lib/generated/prisma/client";
export type { PromptTemplate };
import { DEFAULT_TEMPLATE_NAME, DEFAULT_TURN1, DEFAULT_TURN2 } from "@/lib/core/prompts/default-template";
import { templateHash } from "@/lib/core/prompts/render";
import { LEGACY_DEFAULTS } from "@/lib/core/prompts/legacy-templates";

// Versioned verifier templates. Editing never changes a row: it adds version n+1 and makes it
// active, so every stored proposal still points at the exact text (id + hash) it was made with.

const CURRENT_DEFAULT = { turn1: DEFAULT_TURN1, turn2: DEFAULT_TURN2 };
const CURRENT_HASH = templateHash(CURRENT_DEFAULT);
const LEGACY_HASHES = new Set(LEGACY_DEFAULTS.map(templateHash));

async function ensureDefaultTemplate(db: Tx = prisma, name = DEFAULT_TEMPLATE_NAME): Promise<PromptTemplate> {
  const active = await db.promptTemplate.findFirst({ where: { name, active: true }, orderBy: { version: "desc" } });
  if (active) return name === DEFAULT_TEMPLATE_NAME && LEGACY_HASHES.has(active.hash) ? upgradeLegacyDefault(db, name, active) : active;
  const any = await db.promptTemplate.findFirst({ where: { name }, orderBy: { version: "desc" } });
  if (any) return db.promptTemplate.update({ where: { id: any.id }, data: { active: true } });
  // upsert on (name, version) so two first uses at once seed one row
  return db.promptTemplate.upsert({
    where: { name_version: { name, version: 1 } },
    create: { name, version: 1, ...CURRENT_DEFAULT, hash: CURRENT_HASH, active: true },
    update: {},
  });
}

/**
 * The active template is an earlier built-in default nobody edited: add the current default as
 * the next version and make it active. Old rows stay (proposals point at them by id and hash).
 * If the current default already exists as a version, a person chose the old one on purpose
 * ("Make active"), so it stays.
 */
async function upgradeLegacyDefault(db: Tx, name: string, active: PromptTemplate): Promise<PromptTemplate> {
  if (await db.promptTemplate.findFirst({ where: { name, hash: CURRENT_HASH }, select: { id: true } })) return active;
  const last = await db.promptTemplate.findFirst({ where: { name }, orderBy: { version: "desc" }, select: { version: true } });
  const version = (last?.version ?? 0) + 1;
  // upsert: two first uses at once create one row
  const row = await db.promptTemplate.upsert({
    where: { name_version: { name, version } },
    create: { name, version, ...CURRENT_DEFAULT, hash: CURRENT_HASH, active: false },
    update: {},
  });
  await db.promptTemplate.updateMany({ where: { name, active: true, id: { not: row.id } }, data: { active: false } });
  return db.promptTemplate.update({ where: { id: row.id }, data: { active: true } });
}

export const getActiveTemplate = ensureDefaultTemplate;

export async function listTemplateVersions(name = DEFAULT_TEMPLATE_NAME, db: Tx = prisma): Promise<PromptTemplate[]> {
  await ensureDefaultTemplate(db, name);
  return db.promptTemplate.findMany({ where: { name }, orderBy: { version: "desc" } });
}

// Rows are immutable apart from `active`, so a found template can be cached by id.
const byId = new Map<string, PromptTemplate>();
export async function getTemplate(id: string, db: Tx = prisma): Promise<PromptTemplate | null> {
  const hit = byId.get(id);
  if (hit) return hit;
  const t = await db.promptTemplate.findUnique({ where: { id } });
  if (t) byId.set(id, t);
  return t;
}

/** Save an edit as a new active version; an edit identical to the active text changes nothing. */
export async function saveTemplateVersion(input: { name?: string; turn1: string; turn2: string }): Promise<{ template: PromptTemplate; created: boolean }> {
  const name = input.name ?? DEFAULT_TEMPLATE_NAME;
  const hash = templateHash(input);
  return prisma.$transaction(async (tx) => {
    const active = await ensureDefaultTemplate(tx, name);
    if (active.hash === hash) return { template: active, created: false };
    const last = await tx.promptTemplate.findFirst({ where: { name }, orderBy: { version: "desc" }, select: { version: true } });
    await tx.promptTemplate.updateMany({ where: { name, active: true }, data: { active: false } });
    const template = await tx.promptTemplate.create({
      data: { name, version: (last?.version ?? 0) + 1, turn1: input.turn1, turn2: input.turn2, hash, active: true },
    });
    return { template, created: true };
  });
}

/** Make an older version the active one again (no new row). */
export async function activateTemplateVersion(id: string): Promise<PromptTemplate | null> {
  return prisma.$transaction(async (tx) => {
    const t = await tx.promptTemplate.findUnique({ where: { id } });
    if (!t) return null;
    await tx.promptTemplate.updateMany({ where: { name: t.name, active: true }, data: { active: false } });
    return tx.promptTemplate.update({ where: { id }, data: { active: true } });
  });
}
