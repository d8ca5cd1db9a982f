import { z } from 'zod';

export const SyncInput = z.object({ storeId: z.string().max(64).nullable(), seq: z.number().int().min(0) });
