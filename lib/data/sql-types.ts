import type { Selectable } from "kysely";
import type { DB } from "@/lib/generated/kysely/types";

// Typed identifiers for the hand-written SQL of the raw paths (import, export, the job stages),
// from the Prisma schema: prisma-kysely generates `DB` (every table's columns and types) at
// `prisma generate`, and a column the schema no longer has fails `tsc` here, not a query at run
// time. The SQL text stays hand-written and is prepared once, so these paths keep the speed
// they were measured at (5-20x Prisma): the helpers only build strings, once per statement.

export type Table = keyof DB & string;
export type Column<T extends Table> = keyof DB[T] & string;
/** A row read by raw SQL: the named columns as the schema types them (SQLite: booleans 0/1, DateTime text). */
export type Row<T extends Table, C extends Column<T> = Column<T>> = { [K in C & keyof Selectable<DB[T]>]: Selectable<DB[T]>[K] };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The quoted names of one table for a SQL template: `${t}` is the table (`"Trace"`, or
 * `"Trace" t` with an alias), `${t.text}` a column (`"text"`, or `t."text"` with an alias).
 * A column the schema does not have is a type error.
 */
export type TableRef<T extends Table> = { readonly [K in Column<T>]: string } & { readonly [Symbol.toPrimitive]: () => string };

export function table<T extends Table>(name: T, alias?: string): TableRef<T> {
  const head = alias ? `${quote(name)} ${alias}` : quote(name);
  return new Proxy({} as TableRef<T>, {
    get: (_, key) => {
      if (key === Symbol.toPrimitive || key === "toString") return () => head;
      if (typeof key !== "string") return undefined;
      return alias ? `${alias}.${quote(key)}` : quote(key);
    },
  });
}

/** `"a", "b"`: a column list checked against the schema (for SELECT lists and INSERT targets). */
export function columns<T extends Table>(_table: T, names: readonly Column<T>[]): string {
  return names.map(quote).join(", ");
}

/**
 * `INSERT [OR IGNORE] INTO "T" ("a", "b", ...) VALUES (?, 'x', ...)`: every column a `?`
 * parameter, in the order given, unless `literals` gives it SQL text (a constant of this statement).
 */
export function insertSql<T extends Table>(
  name: T,
  names: readonly Column<T>[],
  o: { orIgnore?: boolean; literals?: Partial<Record<Column<T>, string>> } = {},
): string {
  const values = names.map((c) => o.literals?.[c] ?? "?");
  return `INSERT${o.orIgnore ? " OR IGNORE" : ""} INTO ${quote(name)} (${columns(name, names)}) VALUES (${values.join(", ")})`;
}
