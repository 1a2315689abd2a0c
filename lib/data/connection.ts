import { prisma } from "@/lib/db";

/** Closes the Prisma client's connection (a CLI process that is done, a server shutting down). */
export const disconnectDatabase = (): Promise<void> => prisma.$disconnect();
