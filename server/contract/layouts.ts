import { z } from 'zod';

/**
 * What a paired wall display shows, assigned by a supervisor from the console. One spec per display, kept in
 * the event log and its projection; the hub pushes it to the display's socket, so nobody touches the screen.
 */

/** The views a wall can show: one line each. The front end maps every id to its screen (wall/lib/views.ts). */
export const VIEW_IDS = ['map', 'cameras', 'performance', 'indicators'] as const;
export const ViewId = z.enum(VIEW_IDS);
export type ViewId = z.infer<typeof ViewId>;

/** The recent-hours window a map view may show (the replay branch adds the control; stored here already). */
export const TimeWindow = z.enum(['1h', '6h', '24h', '7d']);

/** Longitude/latitude box: [west, south, east, north]. */
export const Bounds = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .refine(([w, s, e, n]) => w < e && s < n, 'west must be less than east and south less than north');
export type Bounds = z.infer<typeof Bounds>;

export const ViewSpec = z.object({ view: ViewId, window: TimeWindow.optional() }).strict();
export type ViewSpec = z.infer<typeof ViewSpec>;

/** A playlist shows each view this long at least: a shorter turn cannot be read from across the room. */
export const MIN_PLAYLIST_SECONDS = 5;
export const MAX_PLAYLIST_SECONDS = 3600;
export const MAX_PLAYLIST_ITEMS = 12;

export const Layout = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), view: ViewSpec }).strict(),
  z.object({ kind: z.literal('split'), views: z.tuple([ViewSpec, ViewSpec]), direction: z.enum(['columns', 'rows']) }).strict(),
  z
    .object({
      kind: z.literal('playlist'),
      items: z
        .array(ViewSpec.extend({ seconds: z.number().int().min(MIN_PLAYLIST_SECONDS).max(MAX_PLAYLIST_SECONDS) }).strict())
        .min(2, 'a playlist rotates at least two views')
        .max(MAX_PLAYLIST_ITEMS),
    })
    .strict(),
  /** One map over several screens side by side: this screen shows column `column` (0-based) of `of`. */
  z
    .object({ kind: z.literal('span'), column: z.number().int().min(0), of: z.number().int().min(2).max(8), bounds: Bounds, window: TimeWindow.optional() })
    .strict()
    .refine((s) => s.column < s.of, { message: 'column must be less than of', path: ['column'] }),
]);
export type Layout = z.infer<typeof Layout>;

/** What a display shows when no supervisor has assigned anything: the map, as /wall always did. */
export const DEFAULT_LAYOUT: Layout = { kind: 'single', view: { view: 'map' } };

/** Pairing a new wall display: the name the room knows it by. */
export const PairInput = z.object({ name: z.string().trim().min(2, 'at least 2 characters').max(80) });

export const AssignLayout = z.object({ layout: Layout }).strict();

/** A display as the console lists it. `online` is true while the display has a socket open to the hub. */
export type DisplayView = {
  id: string;
  name: string;
  createdAt: string;
  /** Who paired it (null for a display paired before pairing was an event). */
  pairedBy: string | null;
  layout: Layout;
  layoutAt: string | null;
  layoutBy: string | null;
  lastSeenAt: string | null;
  online: boolean;
};

/** A display whose token was revoked: it can no longer connect. */
export type RevokedDisplayView = { id: string; name: string; createdAt: string; pairedBy: string | null; revokedAt: string; revokedBy: string | null };

/** Pushed to one display's socket on connect and whenever its layout changes; seq orders the changes. */
export type DisplayLayoutPush = { displayId: string; layout: Layout; seq: number; at: string | null };

/** A period the hub (or the intake) was down: a time series draws a "data gap" band over it. */
export type DataGap = { from: string; to: string; kind: 'hub' };
