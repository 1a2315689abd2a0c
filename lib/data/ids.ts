import { randomBytes } from "node:crypto";

// cuid-shaped ids (25 chars, "c" + time + counter + fingerprint + random), like Prisma's
// @default(cuid()), so rows written in bulk sort by id in creation order, as Prisma's do, and
// a batch of new rows lands on the last page of the primary-key index instead of one page each.
let counter = 0;
const fingerprint = (process.pid % 1679616).toString(36).padStart(4, "0");
let pool = Buffer.alloc(0);
let poolAt = 0;

function random8(): string {
  if (poolAt + 6 > pool.length) {
    pool = randomBytes(6 * 4096);
    poolAt = 0;
  }
  const n = pool.readUIntBE(poolAt, 6);
  poolAt += 6;
  return (n % 2821109907456).toString(36).padStart(8, "0");
}

export function newId(): string {
  counter = (counter + 1) % 1679616;
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${fingerprint}${random8()}`;
}
