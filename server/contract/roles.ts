import { z } from 'zod';

export const Role = z.enum(['admin', 'operator', 'supervisor', 'field', 'wall', 'citizen', 'open311', 'system']);
export type Role = z.infer<typeof Role>;

/** Who is acting. agencyId is set for operators and field supervisors, who belong to one agency. */
export type Actor = {
  id: string;
  role: Role;
  agencyId?: string | null;
  name?: string;
  /** For a system calling with an API key: what the key may do ('open311', 'indicators'). */
  scopes?: readonly string[];
};

export const SYSTEM: Actor = { id: 'system', role: 'system' };
export const ANONYMOUS_CITIZEN: Actor = { id: 'citizen', role: 'citizen' };
