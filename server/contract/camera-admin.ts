import { z } from 'zod';
import { CAMERA_KINDS, type CameraPublic } from './cameras.js';

const HttpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL');
const Lng = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);

/** A camera as an admin enters it. Credentials may come in their own fields or inside the URL (user:pw@host). */
export const CameraInput = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/).min(2).max(64),
  name: z.string().trim().min(1).max(120),
  kind: z.enum(CAMERA_KINDS).default('traffic'),
  location: z.tuple([Lng, Lat]),
  snapshotUrl: HttpUrl.nullable().optional(),
  streamUrl: HttpUrl.nullable().optional(),
  username: z.string().max(200).nullable().optional(),
  password: z.string().max(200).nullable().optional(),
  intervalS: z.number().int().min(2).max(3600).default(10),
});
export type CameraInput = z.infer<typeof CameraInput>;

/** A change: only what is given changes; a URL or password left out stays as it is (the form never sees it). */
export const CameraPatch = CameraInput.omit({ id: true, location: true }).partial().extend({ reason: z.string().max(500).optional() });
export type CameraPatch = z.infer<typeof CameraPatch>;

export const CameraMove = z.object({ location: z.tuple([Lng, Lat]) });
export const CameraDisable = z.object({ reason: z.string().trim().min(1).max(500) });

/** What an admin's screen gets: the public camera plus its addresses with every credential taken out. */
export type CameraAdminView = CameraPublic & {
  intervalS: number;
  snapshotUrl: string | null;
  streamUrl: string | null;
  /** Whether a username / password is stored (never what it is). */
  hasCredentials: boolean;
};
