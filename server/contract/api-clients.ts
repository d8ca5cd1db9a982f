import { z } from 'zod';

/** What a key may do. Open311 intake now; indicator pushes reuse the same keys with their own scope. */
export const ApiScope = z.enum(['open311', 'indicators']);
export type ApiScope = z.infer<typeof ApiScope>;

export const NewApiClient = z.object({
  name: z.string().trim().min(2, 'at least 2 characters').max(80),
  scopes: z.array(ApiScope).min(1, 'choose at least one scope').max(ApiScope.options.length).default(['open311']),
});
export type NewApiClient = z.infer<typeof NewApiClient>;

/** An API client as the admin page lists it: never the key, only its first characters. */
export type ApiClientView = {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: ApiScope[];
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
};

/** Keys start with this, so the hub can tell a key from a wall display token in an Authorization header. */
export const API_KEY_PREFIX = 'pk_';
