import { z } from 'zod';
import { LoginInput, NewAccount, ResetPassword } from '../../contract/accounts.js';
import { NewApiClient } from '../../contract/api-clients.js';
import { CameraDisable, CameraInput, CameraMove, CameraPatch } from '../../contract/camera-admin.js';
import { ActionInput, FieldSupervisorsQuery, QueueQuery } from '../../contract/console.js';
import { FieldStep, ProofFields, ReopenFields, Ticket } from '../../contract/field.js';
import { PushInput, ValueInput } from '../../contract/indicators.js';
import { OperatorReportFields } from '../../contract/intake.js';
import { AssignLayout, PairInput } from '../../contract/layouts.js';
import { PublicProfile } from '../../contract/profile.js';
import { MAX_PHOTOS, NewReportForm, ReportPublic } from '../../contract/reports.js';
import { AuditQuery, ReminderAck } from '../console.js';
import { GapsQuery } from '../gaps.js';
import { ReplayQuery } from '../replay.js';
import { RangeQuery } from '../stats.js';
import { Open311Common, Open311Format, Open311NewRequest, Open311RequestQuery, Open311RequestsQuery } from './open311-fields.js';
import type { ApiRoute } from './route.js';

/**
 * Every route the hub registers, beside the zod contract its handler parses with: the API document and the docs
 * page are generated from this table (server/http/openapi/document.ts), and openapi.int.test walks the Express app
 * and fails on a route that is registered but missing here, or listed here but not registered.
 */

const reportId = { id: { description: 'the report’s id (digits)', schema: z.string().regex(/^\d+$/) } };
const ticket = { ticket: { description: 'the report’s ticket, e.g. TNG-2026-000123', schema: Ticket } };
const cameraId = { id: { description: 'the camera’s id (lowercase letters, digits, -)' } };
const accountId = { id: { description: 'the account’s id' } };
const ownAgency = 'An operator sees and acts on their own agency’s reports only (403 field id otherwise).';
const ReportFiled = ReportPublic.extend({ trackUrl: z.string().describe('the reporter’s private link: /lacak/<ticket>?k=<key>') });
const format = { format: { description: 'json or xml', schema: Open311Format } };
const geoReport = 'The spec’s answer (GeoReport v2) in the chosen format; errors are its [{code, description}].';

export const ROUTES: ApiRoute[] = [
  // ---- the hub ----
  { method: 'get', path: '/api/health', area: 'hub', who: 'anyone', summary: 'Is the hub up',
    description: 'The head of the event log and the front end’s build; a wall polls it and reloads at a quiet moment for a new release. `webhooks`: agency webhooks still to deliver and those given up after every retry (kept 7 days), for monitoring. `hub`: the run id of the hub that answered (several may stand behind one address).',
    answer: { status: 200, description: '{ ok, seq, storeId, build, webhooks: { pending, givenUp }, hub }' } },
  { method: 'get', path: '/api/profile', area: 'hub', who: 'anyone', summary: 'The city profile a screen needs',
    description: 'Agencies, categories, districts, map, time zone: what every screen reads once.', answer: { status: 200, description: 'the public profile', schema: PublicProfile } },
  { method: 'get', path: '/api/openapi.json', area: 'hub', who: 'anyone', summary: 'This API description (OpenAPI 3.1)',
    description: 'Generated from the zod contracts the handlers parse with. It describes; it grants nothing.', answer: { status: 200, description: 'the OpenAPI 3.1 document' } },
  { method: 'get', path: '/api/docs', area: 'hub', who: 'anyone', summary: 'This API description as a page',
    description: 'Plain HTML made from /api/openapi.json; works offline.', answer: { status: 200, description: 'an HTML page', type: 'text/html' } },
  { method: 'post', path: '/api/auth/login', area: 'hub', who: 'anyone', summary: 'Log in (staff)', limited: true,
    description: 'Sets the session cookie (HttpOnly, SameSite=Lax; 12 h, 30 days for field supervisors). Only failed logins count towards the limits, per address and per username.',
    body: { schema: LoginInput, as: 'json' }, answer: { status: 200, description: '{ account }' } },
  { method: 'post', path: '/api/auth/logout', area: 'hub', who: 'anyone', summary: 'Log out',
    description: 'Ends the session on the hub and its live sockets, and clears the cookie.', answer: { status: 204, description: 'logged out' } },
  { method: 'get', path: '/api/auth/me', area: 'hub', who: 'session.read', summary: 'Who is signed in', answer: { status: 200, description: '{ actor }' } },
  { method: 'get', path: '/api/auth/session', area: 'hub', who: 'anyone', summary: 'Is anyone signed in here',
    description: 'Like /me, but a visitor gets actor: null instead of a 401, so a login page opens without a failed request.', answer: { status: 200, description: '{ actor | null }' } },

  // ---- citizens ----
  { method: 'post', path: '/api/reports', area: 'citizens', who: 'report.file', summary: 'File a report', limited: true,
    description: 'Multipart: the fields and 1–5 photos. A retry with the same clientId and the same content answers 200 with the same ticket and link; the same clientId with other content is 409 naming clientId.',
    body: { schema: NewReportForm, as: 'multipart', files: { field: 'photos', max: MAX_PHOTOS, required: true, type: 'image' } },
    answer: { status: 201, description: 'filed: the public view and the private trackUrl (200: a retry of one already filed)', schema: ReportFiled, also: [200] }, errors: [409, 422] },
  { method: 'get', path: '/api/reports/:ticket', area: 'citizens', who: 'anyone', summary: 'A report’s public view', params: ticket,
    description: 'Never the reporter’s name or contact.', answer: { status: 200, description: 'the public view', schema: ReportPublic } },
  { method: 'get', path: '/api/track/:ticket', area: 'citizens', who: 'anyone', summary: 'Follow a report to its proof photo', params: ticket,
    query: z.object({ k: z.string().optional().describe('the private link’s key: only adds canReopen') }),
    answer: { status: 200, description: 'status, public history, photos, proof photos once verified, whether it may be reopened' } },
  { method: 'post', path: '/api/track/:ticket/reopen', area: 'citizens', who: 'reporter', summary: 'Say it is not fixed', params: ticket,
    description: 'Within 14 days of verification, with the private link’s key; JSON or multipart with up to 3 photos.',
    body: { schema: ReopenFields, as: 'json-or-multipart', files: { field: 'photos', max: 3, required: false, type: 'image' } },
    answer: { status: 200, description: 'the tracking view after reopening' }, errors: [409] },
  { method: 'get', path: '/media/:hash/:file', area: 'citizens', who: 'anyone', summary: 'A photo',
    params: { hash: { description: 'the photo’s SHA-256 (64 hex digits)' }, file: { description: 'display.webp or thumb.webp' } },
    description: 'The photos named in a report’s photos and proofPhotos; cached for a year (the name is the content).', answer: { status: 200, description: 'WebP', type: 'image/webp' } },

  // ---- console ----
  { method: 'get', path: '/api/console/reports', area: 'console', who: 'console.read', summary: 'The queue', scope: ownAgency, query: QueueQuery,
    answer: { status: 200, description: '{ seq, reports, next, total }: one page, newest first, staff views (the reporter only for those who handle it); `next` is the cursor of the page after, `total` counts the matches up to 1,000 (`atLeast` past it). With `since`: { seq, reports, gone, total }, what changed' } },
  { method: 'post', path: '/api/console/reports', area: 'console', who: 'report.intake', summary: 'A complaint taken by phone, SMS, WhatsApp, social media, KIM or walk-in',
    description: 'JSON, or multipart with an optional photo; the same intake as every channel.',
    body: { schema: OperatorReportFields, as: 'json-or-multipart', files: { field: 'photos', max: MAX_PHOTOS, required: false, type: 'image' } },
    answer: { status: 201, description: '{ report, trackUrl }' }, errors: [422] },
  { method: 'get', path: '/api/console/reports/:id', area: 'console', who: 'console.read', summary: 'A report with its history and allowed actions', scope: ownAgency, params: reportId,
    answer: { status: 200, description: '{ report, history, actions, fieldSupervisors, mergedInto, cameras }' } },
  { method: 'post', path: '/api/console/reports/:id/actions', area: 'console', who: 'report.act', summary: 'A SIGAP step: check, dispatch, verify, reject, merge…', scope: ownAgency, params: reportId,
    description: 'The lifecycle table decides whether the step is allowed now; expectedVersion is the version the form showed (409 when it is stale).',
    body: { schema: ActionInput, as: 'json' }, answer: { status: 200, description: '{ report, actions }' }, errors: [409] },
  { method: 'get', path: '/api/console/reports/:id/duplicates', area: 'console', who: 'console.read', summary: 'Possible duplicates of a report', scope: ownAgency, params: reportId,
    answer: { status: 200, description: '{ window, duplicates (nearest first), primary, merged }' } },
  { method: 'get', path: '/api/console/reminders', area: 'console', who: 'console.read', summary: 'Deadline reminders nobody acknowledged', scope: ownAgency,
    answer: { status: 200, description: '{ reminders: [{ flag, report }] }' } },
  { method: 'post', path: '/api/console/reports/:id/reminders/ack', area: 'console', who: 'reminders.acknowledge', summary: 'Acknowledge a deadline reminder', scope: ownAgency, params: reportId,
    body: { schema: ReminderAck, as: 'json' }, answer: { status: 200, description: '{ report }' } },
  { method: 'get', path: '/api/console/escalations', area: 'console', who: 'audit.export', summary: 'Reports past the 60-day SP4N-LAPOR escalation',
    answer: { status: 200, description: '{ reports }' } },
  { method: 'get', path: '/api/console/field-supervisors', area: 'console', who: 'console.read', summary: 'Field supervisors of an agency with their open jobs',
    query: FieldSupervisorsQuery, answer: { status: 200, description: '{ fieldSupervisors }' } },
  { method: 'get', path: '/api/console/audit.csv', area: 'console', who: 'audit.export', summary: 'The audit trail as CSV', query: AuditQuery,
    description: 'Every event in a range of the city’s days, with its payload.', answer: { status: 200, description: 'CSV', type: 'text/csv' } },
  { method: 'get', path: '/api/stats', area: 'console', who: 'stats.read', summary: 'Performance per agency for a range of the city’s days', query: RangeQuery,
    description: 'The last 7 days by default; days=N counts back from the hub’s today; at most 400 days.', answer: { status: 200, description: '{ range, agencies, trend, districts }' } },
  { method: 'get', path: '/api/stats/agencies.csv', area: 'console', who: 'audit.export', summary: 'Performance per agency as CSV', query: RangeQuery,
    answer: { status: 200, description: 'CSV', type: 'text/csv' } },
  { method: 'get', path: '/api/stats/gaps', area: 'console', who: 'stats.read', summary: 'When no hub was collecting', query: GapsQuery,
    description: 'The periods in the range (at most 400 days) without a hub heartbeat: the "data gap" bands.', answer: { status: 200, description: '{ from, to, gaps }' } },

  // ---- field ----
  { method: 'get', path: '/api/field/jobs', area: 'field', who: 'field.work', summary: 'My jobs', answer: { status: 200, description: '{ jobs }' } },
  ...(['accept', 'start'] as const).map((step): ApiRoute => ({
    method: 'post', path: `/api/field/jobs/:id/${step}`, area: 'field', who: 'field.work', summary: step === 'accept' ? 'Accept a job' : 'Start work on a job', params: reportId,
    scope: 'Only the field supervisor the report was dispatched to.', description: 'A retry with the same clientId is answered, never applied twice.',
    body: { schema: FieldStep, as: 'json' }, answer: { status: 200, description: '{ job }' }, errors: [409],
  })),
  { method: 'post', path: '/api/field/jobs/:id/proof', area: 'field', who: 'field.work', summary: 'Send the proof photos', params: reportId,
    scope: 'Only the field supervisor the report was dispatched to.', description: 'Multipart: clientId, an optional note and position, 1–5 photos.',
    body: { schema: ProofFields, as: 'multipart', files: { field: 'photos', max: MAX_PHOTOS, required: true, type: 'image' } },
    answer: { status: 200, description: '{ job }' }, errors: [409] },

  // ---- wall ----
  { method: 'get', path: '/api/cameras', area: 'wall', who: 'cameras.watch', summary: 'Every camera with its health and uptime', answer: { status: 200, description: '{ cameras }' } },
  { method: 'get', path: '/api/cameras/:id/snapshot.webp', area: 'wall', who: 'cameras.watch', summary: 'A camera’s latest snapshot', params: cameraId, displayInQuery: true,
    answer: { status: 200, description: 'WebP', type: 'image/webp' } },
  { method: 'post', path: '/api/cameras/:id/ack', area: 'wall', who: 'cameras.acknowledge', summary: 'Acknowledge a dark camera’s alert', params: cameraId, answer: { status: 200, description: '{ camera }' }, errors: [409] },
  { method: 'get', path: '/api/cameras/:id/live/index.m3u8', area: 'wall', who: 'cameras.watch', summary: 'A camera’s live video (HLS playlist)', params: cameraId, displayInQuery: true,
    description: 'Fetched from the camera with its credentials; every URI is rewritten to an opaque key of the hub’s, so the camera’s address never leaves the hub.',
    answer: { status: 200, description: 'an HLS playlist', type: 'application/vnd.apple.mpegurl' }, errors: [502, 504] },
  { method: 'get', path: '/api/cameras/:id/live/p/:key.m3u8', area: 'wall', who: 'cameras.watch', summary: 'A variant playlist of a camera’s live video', displayInQuery: true,
    params: { ...cameraId, key: { description: 'a key the hub gave in a playlist it served' } }, answer: { status: 200, description: 'an HLS playlist', type: 'application/vnd.apple.mpegurl' }, errors: [502, 504] },
  { method: 'get', path: '/api/cameras/:id/live/s/:key', area: 'wall', who: 'cameras.watch', summary: 'A segment of a camera’s live video', displayInQuery: true,
    params: { ...cameraId, key: { description: 'a key the hub gave in a playlist it served' } }, answer: { status: 200, description: 'a media segment', type: 'video/mp2t' }, errors: [502, 504] },
  { method: 'get', path: '/api/replay', area: 'wall', who: 'replay.watch', summary: 'A day of the city played back from the event log', query: ReplayQuery,
    description: 'date=YYYY-MM-DD (a day of the city’s calendar) or from and to (ISO, at most 7 days): the markers as they stood at from and every change after it as [at, type, marker].',
    answer: { status: 200, description: '{ from, to, markers, steps }' } },
  { method: 'get', path: '/api/displays', area: 'wall', who: 'displays.manage', summary: 'Every paired display: online, what it shows, recently revoked', answer: { status: 200, description: '{ displays, revoked }' } },
  { method: 'put', path: '/api/displays/:id/layout', area: 'wall', who: 'displays.manage', summary: 'Assign a layout to a display (live)', params: { id: { description: 'the display’s id' } },
    body: { schema: AssignLayout, as: 'json' }, answer: { status: 200, description: 'the display' } },
  { method: 'post', path: '/api/displays/:id/revoke', area: 'wall', who: 'displays.manage', summary: 'Revoke a display’s token (it is disconnected at once)', params: { id: { description: 'the display’s id' } },
    answer: { status: 200, description: 'the revoked display' }, errors: [409] },

  // ---- indicators ----
  { method: 'get', path: '/api/indicators', area: 'indicators', who: 'indicators.read', summary: 'The indicator board',
    description: 'With storeId and seq: a live screen applies only later indicator.event messages.', answer: { status: 200, description: '{ storeId, seq, asOf, indicators, projects, league }' } },
  { method: 'get', path: '/api/indicators/ringkas', area: 'indicators', who: 'indicators.read', summary: 'The phone summary: breached reports, dark cameras, every indicator',
    answer: { status: 200, description: '{ asOf, seq, city, agencies, indicators, projects, league, breached, cameras }' } },
  { method: 'get', path: '/api/indicators/:id/history', area: 'indicators', who: 'indicators.read', summary: 'One indicator’s history: first figures and corrections',
    params: { id: { description: 'the indicator’s id' } }, answer: { status: 200, description: '{ indicator, history }' } },
  { method: 'post', path: '/api/indicators/values', area: 'indicators', who: 'indicators.record', summary: 'Record one figure',
    scope: 'An operator records their own agency’s figures; a supervisor any, and the city’s.',
    description: 'A different figure for a period that has one is a correction and needs a note; the same figure again changes nothing (200).',
    body: { schema: ValueInput, as: 'json' }, answer: { status: 201, description: '{ recorded, unchanged }', also: [200] } },
  { method: 'post', path: '/api/indicators/push', area: 'indicators', who: 'indicators.push', summary: 'Push figures from another system (all or none)',
    description: 'A 400 names values.N.field.',
    body: { schema: PushInput, as: 'json' }, answer: { status: 201, description: '{ recorded, unchanged }', also: [200] } },
  { method: 'post', path: '/api/indicators/import', area: 'indicators', who: 'indicators.record', summary: 'Import a finance office’s CSV (all rows or none)',
    scope: 'An operator imports their own agency’s figures only.',
    description: 'Multipart, the CSV in file: ; or , separated, decimal comma, Rp amounts; headers indikator (or kode), periode, nilai (or realisasi), optional satuan, keterangan. 422 lists every bad row.',
    body: { schema: z.object({}), as: 'multipart', files: { field: 'file', max: 1, required: true, type: 'csv' } },
    answer: { status: 201, description: '{ recorded, unchanged, rows }', also: [200] }, errors: [422] },

  // ---- admin ----
  { method: 'get', path: '/api/admin/accounts', area: 'admin', who: 'accounts.manage', summary: 'Every account', answer: { status: 200, description: '{ accounts }' } },
  { method: 'post', path: '/api/admin/accounts', area: 'admin', who: 'accounts.manage', summary: 'Create an account', body: { schema: NewAccount, as: 'json' },
    answer: { status: 201, description: '{ account }' }, errors: [409] },
  { method: 'post', path: '/api/admin/accounts/:id/disable', area: 'admin', who: 'accounts.manage', summary: 'Disable an account (its sessions end at once)', params: accountId, answer: { status: 200, description: '{ account }' } },
  { method: 'post', path: '/api/admin/accounts/:id/enable', area: 'admin', who: 'accounts.manage', summary: 'Enable an account', params: accountId, answer: { status: 200, description: '{ account }' } },
  { method: 'post', path: '/api/admin/accounts/:id/password', area: 'admin', who: 'accounts.manage', summary: 'Reset a password (its sessions end at once)', params: accountId,
    body: { schema: ResetPassword, as: 'json' }, answer: { status: 200, description: '{ account }' } },
  { method: 'post', path: '/api/admin/displays', area: 'admin', who: 'displays.manage', summary: 'Pair a wall display', description: 'The token is in this answer only; the hub keeps its hash.',
    body: { schema: PairInput, as: 'json' }, answer: { status: 201, description: '{ id, token, url }' } },
  { method: 'get', path: '/api/admin/api-clients', area: 'admin', who: 'api_clients.manage', summary: 'API keys for other systems', answer: { status: 200, description: '{ clients } (never the key, only its first characters)' } },
  { method: 'post', path: '/api/admin/api-clients', area: 'admin', who: 'api_clients.manage', summary: 'Create an API key',
    description: 'The key (pk_…) is in this answer only; the hub keeps its SHA-256. Send it as Authorization: Bearer pk_… (JSON API) or api_key (Open311).',
    body: { schema: NewApiClient, as: 'json' }, answer: { status: 201, description: 'the client with its key' } },
  { method: 'post', path: '/api/admin/api-clients/:id/revoke', area: 'admin', who: 'api_clients.manage', summary: 'Revoke an API key', params: { id: { description: 'the client’s id' } },
    answer: { status: 200, description: '{ client }' }, errors: [409] },
  { method: 'get', path: '/api/admin/cameras', area: 'admin', who: 'cameras.manage', summary: 'Every camera with its addresses (credentials taken out)', answer: { status: 200, description: '{ cameras }' } },
  { method: 'post', path: '/api/admin/cameras', area: 'admin', who: 'cameras.manage', summary: 'Add a camera', body: { schema: CameraInput, as: 'json' },
    answer: { status: 201, description: '{ camera }' }, errors: [409] },
  { method: 'patch', path: '/api/admin/cameras/:id', area: 'admin', who: 'cameras.manage', summary: 'Edit a camera (what is left out stays)', params: cameraId,
    body: { schema: CameraPatch, as: 'json' }, answer: { status: 200, description: '{ camera }' } },
  { method: 'post', path: '/api/admin/cameras/:id/move', area: 'admin', who: 'cameras.manage', summary: 'Move a camera', params: cameraId, body: { schema: CameraMove, as: 'json' },
    answer: { status: 200, description: '{ camera }' } },
  { method: 'post', path: '/api/admin/cameras/:id/disable', area: 'admin', who: 'cameras.manage', summary: 'Disable a camera', params: cameraId, body: { schema: CameraDisable, as: 'json' },
    answer: { status: 200, description: '{ camera }' }, errors: [409] },
  { method: 'post', path: '/api/admin/cameras/:id/enable', area: 'admin', who: 'cameras.manage', summary: 'Enable a camera', params: cameraId, answer: { status: 200, description: '{ camera }' }, errors: [409] },
  { method: 'post', path: '/api/admin/cameras/:id/remove', area: 'admin', who: 'cameras.manage', summary: 'Remove a camera', params: cameraId, body: { schema: CameraDisable, as: 'json' },
    answer: { status: 200, description: '{ removed }' } },
  { method: 'post', path: '/api/admin/cameras/import', area: 'admin', who: 'cameras.manage', summary: 'Import cameras from a CSV (all or nothing)',
    description: 'The body is the CSV (text/csv): id,name,kind,lng,lat,snapshot_url,stream_url,username,password,interval_s, , or ; separated. 422 lists every bad row.',
    body: { schema: z.string().describe('the CSV'), as: 'csv' }, answer: { status: 201, description: 'what was imported' }, errors: [409, 422] },

  // ---- Open311 GeoReport v2 (one Express catch-all per method; the spec's resources are listed one by one) ----
  { method: 'get', path: '/open311/v2/discovery.{format}', servedBy: '/open311/v2/{*path}', area: 'open311', who: 'anyone', summary: 'Discovery: this endpoint, the spec, the formats',
    params: format, query: Open311Common, answer: { status: 200, description: geoReport, type: 'application/json' } },
  { method: 'get', path: '/open311/v2/services.{format}', servedBy: '/open311/v2/{*path}', area: 'open311', who: 'anyone', summary: 'One service per category of the city profile',
    params: format, query: Open311Common, answer: { status: 200, description: geoReport, type: 'application/json' } },
  { method: 'get', path: '/open311/v2/services/{service_code}.{format}', servedBy: '/open311/v2/{*path}', area: 'open311', who: 'anyone', summary: 'A service definition: the category’s questions as attributes',
    params: { service_code: { description: 'a service code from services.json' }, ...format }, query: Open311Common, answer: { status: 200, description: geoReport, type: 'application/json' } },
  { method: 'post', path: '/open311/v2/requests.{format}', servedBy: '/open311/v2/{*path}', area: 'open311', who: 'open311-key', summary: 'File a service request', limited: true,
    description: 'Form-encoded, or multipart with 1–5 photos in media. Filed through the same intake as every channel (channel open311): it is on the wall at once. service_request_id in the answer is the ticket.',
    params: format, body: { schema: Open311NewRequest, as: 'form-or-multipart', files: { field: 'media', max: MAX_PHOTOS, required: false, type: 'image' } },
    answer: { status: 201, description: '[{ service_request_id, service_notice, account_id, token }]', type: 'application/json' } },
  { method: 'get', path: '/open311/v2/requests.{format}', servedBy: '/open311/v2/{*path}', area: 'open311', who: 'anyone', summary: 'Service requests, newest first',
    params: format, query: Open311RequestsQuery, answer: { status: 200, description: geoReport, type: 'application/json' } },
  { method: 'get', path: '/open311/v2/requests/{service_request_id}.{format}', servedBy: '/open311/v2/{*path}', area: 'open311', who: 'anyone', summary: 'One service request',
    params: { service_request_id: { description: 'the ticket' }, ...format }, query: Open311RequestQuery, answer: { status: 200, description: geoReport, type: 'application/json' } },
  { method: 'get', path: '/open311/v2/tokens/{token}.{format}', servedBy: '/open311/v2/{*path}', area: 'open311', who: 'anyone', summary: 'Which ticket a POST’s token became',
    params: { token: { description: 'the token a POST answered' }, ...format }, query: Open311Common, answer: { status: 200, description: '[{ service_request_id, token }]', type: 'application/json' } },
];
