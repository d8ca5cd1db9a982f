import type { Category, CategoryQuestion } from '../contract/profile.js';
import type { ReportStatus } from '../contract/reports.js';
import type { ReportState } from './reports.js';
import type { PublicHistoryStep } from '../contract/field.js';
import { w3Datetime, type CityClock } from './time.js';
import { DONE_STATUSES, isOpen, OPEN_STATUSES } from './statuses.js';
import { publicProofPhotos } from './views.js';

/**
 * Open311 GeoReport v2, as pure functions: our categories become services, our reports become service requests,
 * our lifecycle becomes open/closed with notes. The HTTP layer only parses, calls these and renders XML or JSON.
 */

export type Lang = 'id' | 'en';
export const SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';
/** The spec's defaults for GET requests: a 90-day window and at most 1000 requests. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
export const MAX_DESCRIPTION = 4000;

/** 2026-11-23T14:05:00+07:00 (+08:00 in Mataram): the spec's w3 datetimes, in the city's own time. */
export const open311Datetime = w3Datetime;

export const open311Status = (s: ReportStatus): 'open' | 'closed' => (isOpen(s) ? 'open' : 'closed');
export const STATUSES_OF: Record<'open' | 'closed', readonly ReportStatus[]> = { open: OPEN_STATUSES, closed: DONE_STATUSES };

/** What open/closed alone cannot say: where in SIGAP the report is. */
const STATUS_NOTES: Record<ReportStatus, Record<Lang, string>> = {
  new: { id: 'Diterima, menunggu pemeriksaan operator', en: 'Received, waiting for an operator to check it' },
  checked: { id: 'Diperiksa, menunggu dikirim ke petugas lapangan', en: 'Checked, waiting to be sent to a field crew' },
  dispatched: { id: 'Dikirim ke pengawas lapangan', en: 'Sent to a field supervisor' },
  in_progress: { id: 'Sedang dikerjakan petugas di lapangan', en: 'Being worked on in the field' },
  proof_submitted: { id: 'Bukti penanganan dikirim, menunggu verifikasi', en: 'Proof of completion sent, waiting for verification' },
  verified: { id: 'Selesai: bukti penanganan sudah diverifikasi', en: 'Done: proof of completion verified' },
  closed: { id: 'Selesai dan ditutup', en: 'Done and closed' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  merged: { id: 'Digabung dengan laporan lain', en: 'Merged into another report' },
  forwarded: { id: 'Diteruskan ke pemerintah kota yang berwenang', en: 'Forwarded to the city responsible' },
};

/**
 * A merged duplicate is closed here, as Open311 servers close duplicates; its note names the report it finally
 * stands for and how that one is going, so another system can follow the handling as the citizen does.
 */
export function statusNotes(status: ReportStatus, lang: Lang, reason?: string | null, mergedInto?: string | null, primaryStatus?: ReportStatus | null): string {
  const base = STATUS_NOTES[status][lang];
  if (status === 'merged' && mergedInto) return primaryStatus ? `${base}: ${mergedInto} (${STATUS_NOTES[primaryStatus][lang]})` : `${base}: ${mergedInto}`;
  if ((status === 'rejected' || status === 'forwarded') && reason) return `${base}: ${reason}`;
  return base;
}

/** Event types as a person reads them in a request's notes[] history. */
const NOTE_SUMMARY: Record<string, Record<Lang, string>> = {
  'report.submitted': { id: 'Laporan diterima', en: 'Report received' },
  'report.checked': { id: 'Laporan diperiksa operator', en: 'Checked by an operator' },
  'report.rejected': { id: 'Laporan ditolak', en: 'Report rejected' },
  'report.rerouted': { id: 'Dialihkan ke dinas lain', en: 'Moved to another agency' },
  'report.dispatched': { id: 'Dikirim ke pengawas lapangan', en: 'Sent to a field supervisor' },
  'report.accepted': { id: 'Diterima pengawas lapangan', en: 'Accepted by the field supervisor' },
  'report.started': { id: 'Petugas mulai bekerja di lokasi', en: 'Crew started work on site' },
  'report.proof_submitted': { id: 'Bukti penanganan dikirim', en: 'Proof of completion sent' },
  'report.proof_returned': { id: 'Bukti dikembalikan untuk diperbaiki', en: 'Proof returned to be redone' },
  'report.verified': { id: 'Bukti diverifikasi: selesai', en: 'Proof verified: done' },
  'report.closed': { id: 'Laporan ditutup', en: 'Report closed' },
  'report.merged': { id: 'Digabung dengan laporan lain', en: 'Merged into another report' },
  'report.reopened': { id: 'Dibuka kembali', en: 'Reopened' },
  'report.unmerged': { id: 'Penggabungan dibatalkan: ditangani tersendiri', en: 'Merge undone: handled on its own' },
  'report.forwarded': { id: 'Diteruskan ke pemerintah kota lain', en: 'Forwarded to another city' },
  'report.received': { id: 'Diterima dari pemerintah kota lain', en: 'Received from another city' },
};

export type PublicStep = PublicHistoryStep & { to?: ReportStatus };
export type Open311Note = { datetime: string; type: 'opened' | 'closed' | 'activity'; summary: string; description: string | null; status: ReportStatus | null };

export function notesOf(steps: PublicStep[], lang: Lang, agencyName: (id: string) => string, clock: CityClock): Open311Note[] {
  return steps
    .filter((s) => NOTE_SUMMARY[s.type])
    .map((s) => ({
      datetime: open311Datetime(s.at, clock),
      type: s.type === 'report.submitted' || s.type === 'report.reopened' || s.type === 'report.unmerged' ? 'opened' : s.to && open311Status(s.to) === 'closed' ? 'closed' : 'activity',
      summary: NOTE_SUMMARY[s.type][lang],
      description: [s.agencyId ? agencyName(s.agencyId) : null, s.reason ?? null].filter(Boolean).join(': ') || null,
      status: s.to ?? null,
    }));
}

// ---- services ----

export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
};

export function serviceOf(c: Category, agencyName: string, lang: Lang): Open311Service {
  return {
    service_code: c.id,
    service_name: c.label[lang],
    description: lang === 'id'
      ? `${c.label.id}: ditangani ${agencyName}, ditanggapi dalam ${hours(c.responseHours, lang)}${clockWord(c.clock, lang)}`
      : `${c.label.en}: handled by ${agencyName}, answered within ${hours(c.responseHours, lang)}${clockWord(c.clock, lang)}`,
    metadata: c.questions.length > 0,
    // Every report is filed at once and gets its ticket in the answer.
    type: 'realtime',
    keywords: [c.id, c.label.id, c.label.en].join(', '),
    group: agencyName,
  };
}

const hours = (h: number, lang: Lang) => (lang === 'id' ? `${h} jam` : `${h} hours`);
const clockWord = (clock: Category['clock'], lang: Lang) => (clock === 'working' ? (lang === 'id' ? ' kerja' : ' of working time') : '');

export type Open311Attribute = {
  variable: boolean;
  code: string;
  datatype: CategoryQuestion['datatype'];
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
};

export function serviceDefinition(c: Category, lang: Lang): { service_code: string; attributes: Open311Attribute[] } {
  return {
    service_code: c.id,
    attributes: c.questions.map((q, i) => ({
      variable: true,
      code: q.code,
      datatype: q.datatype,
      required: q.required,
      datatype_description: q.help?.[lang] ?? null,
      order: i + 1,
      description: q.label[lang],
      values: q.values.map((v) => ({ key: v.key, name: v.label[lang] })),
    })),
  };
}

/** The notice a client shows after filing: what the city promises for this category. */
export function serviceNotice(c: Category, lang: Lang): string {
  return lang === 'id'
    ? `Ditanggapi dalam ${hours(c.responseHours, lang)}${clockWord(c.clock, lang)}, diselesaikan dalam ${hours(c.resolutionHours, lang)}${clockWord(c.clock, lang)}`
    : `Answered within ${hours(c.responseHours, lang)}${clockWord(c.clock, lang)}, resolved within ${hours(c.resolutionHours, lang)}${clockWord(c.clock, lang)}`;
}

// ---- service requests ----

export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string | null;
  zipcode: null;
  lat: number;
  long: number;
  media_url: string | null;
  // extensions=true only:
  extended_attributes?: {
    ticket: string;
    status: ReportStatus;
    channel: string;
    district: string | null;
    photos: string[];
    proof_photos: string[];
    breached: boolean;
    response_due_datetime: string | null;
  };
  notes?: Open311Note[];
};

export type RequestContext = {
  category: Category | undefined;
  agencyName: string;
  districtName: string | null;
  cityName: string;
  /** Absolute URL of a public photo by its hash. */
  photoUrl: (hash: string) => string;
  lang: Lang;
  /** The city's clock: datetimes carry its offset. */
  clock: CityClock;
  /** The last public reason (rejection) and the ticket a merged report went into. */
  reason?: string | null;
  mergedInto?: string | null;
  /** The status of the report a merged one finally stands for. */
  primaryStatus?: ReportStatus | null;
  breached: boolean;
  /** Given only with extensions=true. */
  steps?: PublicStep[];
  agencyNameOf?: (id: string) => string;
};

export function requestOf(r: ReportState, c: RequestContext): Open311Request {
  const out: Open311Request = {
    service_request_id: r.ticket,
    status: open311Status(r.status),
    status_notes: statusNotes(r.status, c.lang, c.reason, c.mergedInto, c.primaryStatus),
    service_name: c.category?.label[c.lang] ?? r.categoryId,
    service_code: r.categoryId,
    description: r.description,
    agency_responsible: c.agencyName,
    service_notice: c.category ? serviceNotice(c.category, c.lang) : '',
    requested_datetime: open311Datetime(r.createdAt, c.clock),
    updated_datetime: open311Datetime(r.updatedAt, c.clock),
    // The category's resolution deadline, in the city's working time, set when the report arrived.
    expected_datetime: r.deadlines ? open311Datetime(r.deadlines.resolutionDueAt, c.clock) : null,
    address: r.address ?? [c.districtName ? `Kecamatan ${c.districtName}` : null, c.cityName].filter(Boolean).join(', '),
    address_id: r.districtCode,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: r.photos[0] ? c.photoUrl(r.photos[0]) : null,
  };
  if (c.steps) {
    out.extended_attributes = {
      ticket: r.ticket,
      status: r.status,
      channel: r.channel,
      district: c.districtName,
      photos: r.photos.map(c.photoUrl),
      proof_photos: publicProofPhotos(r).map(c.photoUrl),
      breached: c.breached,
      response_due_datetime: r.deadlines ? open311Datetime(r.deadlines.responseDueAt, c.clock) : null,
    };
    out.notes = notesOf(c.steps, c.lang, c.agencyNameOf ?? ((id) => id), c.clock);
  }
  return out;
}
