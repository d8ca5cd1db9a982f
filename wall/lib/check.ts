import type { z } from 'zod';

/**
 * The browser asks the hub's own schema (server/contract) before it sends, so a form says what is wrong at once
 * without a second copy of the rule; the hub checks again, and its 400 names the field the same way.
 */
export const passes = (schema: z.ZodType, value: unknown): boolean => schema.safeParse(value).success;

/** The top-level fields the hub's schema would refuse in this input. */
export function refusedFields(schema: z.ZodType, input: unknown): Set<string> {
  const r = schema.safeParse(input);
  return new Set(r.success ? [] : r.error.issues.map((i) => String(i.path[0] ?? '')));
}
