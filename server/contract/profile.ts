import { z } from 'zod';
import { CITY_ZONES } from '../domain/time.js';
import { IndicatorSpec, ProjectSpec } from './indicators.js';

// A city profile is data: a second city runs the same software with a different file.
const Label = z.object({ id: z.string().min(1), en: z.string().min(1) });
const LngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const Agency = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  short: z.string().min(1),
  name: z.string().min(1),
  /** Deadline reminders are also POSTed here (JSON) when given; never sent to any screen. */
  webhookUrl: z.string().url().optional(),
});
export type Agency = z.infer<typeof Agency>;

/**
 * An extra question a category asks (Open311 service attributes): flood depth, a street-light pole number.
 * Answers travel with the report's description, so every screen that shows the text shows them.
 */
export const CategoryQuestion = z.object({
  code: z.string().regex(/^[a-z0-9_-]+$/),
  label: Label,
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean().default(false),
  help: Label.optional(),
  values: z.array(z.object({ key: z.string().min(1), label: Label })).default([]),
});
export type CategoryQuestion = z.infer<typeof CategoryQuestion>;

/** How near in space and time an open report of the same category must be to count as a possible duplicate. */
export const DuplicateWindow = z.object({
  radiusM: z.number().positive().max(5000),
  windowHours: z.number().positive().max(24 * 30),
});
export type DuplicateWindow = z.infer<typeof DuplicateWindow>;

export const Category = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: Label,
  agencyId: z.string(),
  // SIGAP: the agency must respond (check + dispatch) and resolve (verified proof) within these.
  responseHours: z.number().positive(),
  resolutionHours: z.number().positive(),
  /** 'working': hours count only in the room's working time; 'continuous': floods and jams do not wait for Monday. */
  clock: z.enum(['working', 'continuous']).default('working'),
  questions: z.array(CategoryQuestion).default([]),
  /** Overrides the city-wide duplicate window: a flood covers a wider area than a broken street light. */
  duplicates: DuplicateWindow.optional(),
});
export type Category = z.infer<typeof Category>;

export const CameraSpec = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  location: LngLat,
  kind: z.enum(['traffic', 'landfill', 'flood_gauge', 'public_space']),
  /** A JPEG snapshot URL, as most IP cameras and recorders offer. `{simulator}` stands for PANTAU_CAMERA_SIMULATOR_URL. */
  snapshotUrl: z.string().min(1),
  streamUrl: z.string().optional(),
  /** Kept server-side only: never sent to any screen. */
  username: z.string().optional(),
  password: z.string().optional(),
  intervalS: z.number().int().min(2).max(3600).default(10),
});
export type CameraSpec = z.infer<typeof CameraSpec>;

export const CityProfile = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    code: z.string().regex(/^\d\d\.\d\d$/),
    name: z.string().min(1),
    ticketPrefix: z.string().regex(/^[A-Z]{2,5}$/),
    /** The city's own clock: deadlines, working hours, holidays, days, Open311 datetimes and every screen's clock. */
    timeZone: z.enum(CITY_ZONES),
    map: z.object({ center: LngLat, zoom: z.number().min(0).max(22) }),
    agencies: z.array(Agency).min(1),
    categories: z.array(Category).min(1),
    workingHours: z.object({
      start: z.string().regex(/^\d\d:\d\d$/),
      end: z.string().regex(/^\d\d:\d\d$/),
      /** ISO weekdays: 1 Monday … 7 Sunday. */
      days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    }),
    holidays: z.array(z.string().regex(/^\d{4}-\d\d-\d\d$/)).default([]),
    // SP4N-LAPOR: a report not followed up within 60 days escalates to the Ombudsman.
    escalationDays: z.number().int().positive().default(60),
    cameras: z.array(CameraSpec).default([]),
    /** City-wide duplicate window; a category may set its own. */
    duplicates: DuplicateWindow.default({ radiusM: 150, windowHours: 72 }),
    /** Performance indicators (finance, procurement); absent: the defaults of domain/indicators.ts for every agency. */
    indicators: z.array(IndicatorSpec).optional(),
    /** Development projects on the map; each one's physical progress is an indicator of its own. */
    projects: z.array(ProjectSpec).default([]),
  })
  .superRefine((p, ctx) => {
    const agencies = new Set(p.agencies.map((a) => a.id));
    p.categories.forEach((c, i) => {
      if (!agencies.has(c.agencyId))
        ctx.addIssue({ code: 'custom', path: ['categories', i, 'agencyId'], message: `unknown agency ${c.agencyId}` });
    });
    const projects = new Set(p.projects.map((pr) => pr.id));
    p.indicators?.forEach((s, i) => {
      if (s.agencyId !== null && !agencies.has(s.agencyId))
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'agencyId'], message: `unknown agency ${s.agencyId}` });
      // The plan of a project's progress runs from its start to its end: without the project there is no plan.
      if (s.pace === 'project' && (!s.projectId || !projects.has(s.projectId)))
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'projectId'], message: `pace "project" needs the id of a project in this profile (${s.projectId ?? 'none given'})` });
    });
    p.projects.forEach((pr, i) => {
      if (!agencies.has(pr.agencyId)) ctx.addIssue({ code: 'custom', path: ['projects', i, 'agencyId'], message: `unknown agency ${pr.agencyId}` });
      if (pr.end < pr.start) ctx.addIssue({ code: 'custom', path: ['projects', i, 'end'], message: 'a project ends after it starts' });
    });
  });
export type CityProfile = z.infer<typeof CityProfile>;

/** A kecamatan as the wall and the hub know it: boundaries stay in the geo files. */
export const District = z.object({ code: z.string(), name: z.string(), label: LngLat });
export type District = z.infer<typeof District>;

/** What GET /api/profile returns to every screen of a city. */
export const CityPublicProfile = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  ticketPrefix: z.string(),
  timeZone: z.enum(CITY_ZONES),
  map: z.object({ center: LngLat, zoom: z.number(), bounds: z.tuple([LngLat, LngLat]), styleUrl: z.string().nullable() }),
  agencies: z.array(Agency.omit({ webhookUrl: true })),
  // critical: its deadline clock is continuous (flood, jam, fallen tree): a new one is an alert on the wall.
  categories: z.array(Category.pick({ id: true, label: true, agencyId: true }).extend({ critical: z.boolean().optional() })),
  districts: z.array(District),
  geo: z.object({ city: z.string(), districts: z.string(), subdistricts: z.string() }),
  /** The basemap's credit line, in both languages (the map shows the screen's). */
  attribution: Label,
});
export type CityPublicProfile = z.infer<typeof CityPublicProfile>;

/**
 * What GET /api/profile returns to every screen: a city's, or at the province's address of an installation of
 * several cities (server/province/) the province's, with each city it watches.
 */
export const PublicProfile = CityPublicProfile.extend({
  province: z.object({ cities: z.array(CityPublicProfile) }).optional(),
});
export type PublicProfile = z.infer<typeof PublicProfile>;
