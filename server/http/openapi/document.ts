import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError, Open311Errors } from '../../contract/errors.js';
import { SESSION_COOKIE } from '../../commands/accounts.js';
import { KEY_SCOPES, PERMISSIONS, type Permission } from '../../domain/access.js';
import { SPEC_URL } from '../../domain/open311.js';
import { AREAS, type ApiRoute } from './route.js';
import { ROUTES } from './routes.js';
import { errorsOf, ERROR_TEXT } from './errors.js';

type Json = Record<string, unknown>;
export type OpenApiDocument = Json & { openapi: string; paths: Record<string, Record<string, Json>> };

/** A zod contract as an OpenAPI 3.1 schema (JSON Schema 2020-12, the document's own dialect, so no $schema). */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** Express writes `:id`, OpenAPI `{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export const operationId = (r: Pick<ApiRoute, 'method' | 'path'>) =>
  r.method + openApiPath(r.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));

const STAFF = ['admin', 'operator', 'supervisor', 'field'];

/** The roles of server/contract/roles.ts that may call a route; `anyone` needs no credential. */
export function rolesOf(r: ApiRoute): string[] {
  if (r.who === 'anyone') return ['anyone'];
  if (r.who === 'reporter') return ['citizen'];
  if (r.who === 'open311-key') return ['open311'];
  return [...PERMISSIONS[r.who as Permission]].map((role) => (role === 'citizen' ? 'anyone' : role));
}

function whoSentence(r: ApiRoute, roles: string[]): string {
  const lines: string[] = [];
  if (r.who === 'anyone') lines.push('Who may call: anyone, no login.');
  else if (r.who === 'reporter') lines.push('Who may call: the citizen who filed it, with the private link’s key k.');
  else if (r.who === 'open311-key') lines.push('Who may call: another system with an admin-issued API key that has the open311 scope, sent as api_key.');
  else lines.push(`Who may call: ${roles.join(', ')}.`);
  const keyScope = KEY_SCOPES[r.who as Permission];
  if (roles.includes('open311') && keyScope) lines.push(`An API key (role open311) needs its ${keyScope} scope, else 403.`);
  if (r.scope) lines.push(r.scope);
  return lines.join(' ');
}

function securityOf(r: ApiRoute, roles: string[]): Json[] | undefined {
  if (r.who === 'open311-key') return [{ open311ApiKey: [] }];
  const s: Json[] = [];
  if (roles.includes('anyone') || r.who === 'reporter') s.push({});
  if (roles.some((x) => STAFF.includes(x))) s.push({ session: [] });
  if (roles.includes('wall')) s.push({ displayToken: [] }, ...(r.displayInQuery ? [{ displayQuery: [] }] : []));
  if (roles.includes('open311')) s.push({ apiKey: [] });
  return s.length === 1 && Object.keys(s[0]).length === 0 ? undefined : s;
}

function parametersOf(r: ApiRoute): Json[] {
  const path = openApiPath(r.path);
  const params: Json[] = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    const p = r.params?.[name];
    return { name, in: 'path', required: true, description: p?.description ?? name, schema: p?.schema ? schemaOf(p.schema, 'input') : { type: 'string' } };
  });
  if (r.query) {
    const q = schemaOf(r.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({ name, in: 'query', required: q.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
    }
  }
  return params;
}

/** Files are not zod's to describe: the field that carries them is added to the multipart form's schema here. */
function withFiles(schema: Json, files: NonNullable<ApiRoute['body']>['files']): Json {
  if (!files) return schema;
  const file = { type: 'string', contentMediaType: files.type === 'image' ? 'image/jpeg' : 'text/csv', description: files.type === 'image' ? 'a photo (JPEG, PNG, WebP or HEIC)' : 'the CSV file' };
  const prop = files.max > 1 ? { type: 'array', items: file, minItems: files.required ? 1 : 0, maxItems: files.max } : file;
  const required = [...((schema.required as string[] | undefined) ?? []), ...(files.required ? [files.field] : [])];
  return { ...schema, type: 'object', properties: { ...((schema.properties as Json | undefined) ?? {}), [files.field]: prop }, ...(required.length ? { required } : {}) };
}

function requestBodyOf(r: ApiRoute): Json | undefined {
  const b = r.body;
  if (!b) return undefined;
  const schema = schemaOf(b.schema, 'input');
  const form = withFiles(schema, b.files);
  const content: Record<string, Json> = {
    json: { 'application/json': { schema } },
    multipart: { 'multipart/form-data': { schema: form } },
    'json-or-multipart': { 'application/json': { schema }, 'multipart/form-data': { schema: form } },
    csv: { 'text/csv': { schema } },
    'form-or-multipart': { 'application/x-www-form-urlencoded': { schema }, 'multipart/form-data': { schema: form } },
  }[b.as];
  return { required: true, content };
}

const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before sending the same request again', schema: { type: 'integer', minimum: 1 } } };

function responsesOf(r: ApiRoute): Json {
  const open311 = r.area === 'open311';
  const type = r.answer.type ?? 'application/json';
  const body = (schema?: Json): Json =>
    open311 ? { 'application/json': schema ? { schema } : {}, 'text/xml': {} } : { [type]: schema ? { schema } : {} };
  const ok = r.answer.schema ? schemaOf(r.answer.schema, 'output') : undefined;
  const responses: Json = {
    [r.answer.status]: r.answer.status === 204 ? { description: r.answer.description } : { description: r.answer.description, content: body(ok) },
  };
  for (const s of r.answer.also ?? []) responses[s] = { description: r.answer.description, content: body(ok) };
  for (const status of errorsOf(r)) {
    const error = { $ref: open311 ? '#/components/schemas/Open311Errors' : '#/components/schemas/ApiError' };
    responses[status] = {
      description: ERROR_TEXT[status] ?? 'refused',
      ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      content: open311 ? { 'application/json': { schema: error }, 'text/xml': {} } : { 'application/json': { schema: error } },
    };
  }
  return responses;
}

function operationOf(r: ApiRoute): Json {
  const roles = rolesOf(r);
  const security = securityOf(r, roles);
  const parameters = parametersOf(r);
  const requestBody = requestBodyOf(r);
  return {
    operationId: operationId(r),
    tags: [r.area],
    summary: r.summary,
    description: [r.description, whoSentence(r, roles)].filter(Boolean).join('\n\n'),
    'x-roles': roles,
    ...(r.scope ? { 'x-scope': r.scope } : {}),
    ...(security ? { security } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: responsesOf(r),
  };
}

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** The OpenAPI 3.1 document of every route in the table: nothing in it is written by hand but the table. */
export function buildOpenApi(routes: readonly ApiRoute[] = ROUTES): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const r of routes) (paths[openApiPath(r.path)] ??= {})[r.method] = operationOf(r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pantau LIVE Room API',
      version: VERSION,
      description:
        'The JSON API of the Pantau hub, for integrators: citizen apps, a province’s systems, the finance office pushing indicators. ' +
        'Generated from the zod contracts the hub parses every request with. The screens speak Bahasa Indonesia; this description is in English. ' +
        '`x-roles` lists the roles (admin, operator, supervisor, field, wall, open311) that may call a route; `anyone` needs no credential. ' +
        'Every refusal is a 4xx whose `field` names what was refused. Live updates go over Socket.IO (not described here).',
    },
    servers: [{ url: '/' }],
    externalDocs: { description: 'Open311 GeoReport v2', url: SPEC_URL },
    tags: Object.entries(AREAS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey', in: 'cookie', name: SESSION_COOKIE,
          description: 'Staff session from POST /api/auth/login (HttpOnly, SameSite=Lax). A change riding on it must come from the hub’s own pages (Origin and Sec-Fetch-Site), else 403 field origin.',
        },
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'pk_…', description: 'An admin-issued API key (role open311, with its scopes: open311, indicators) as Authorization: Bearer pk_…' },
        displayToken: { type: 'http', scheme: 'bearer', description: 'A paired wall display’s token as Authorization: Bearer <token>.' },
        displayQuery: { type: 'apiKey', in: 'query', name: 'display', description: 'The display token as ?display=, for an <img> or a video element that cannot send a header.' },
        open311ApiKey: { type: 'apiKey', in: 'query', name: 'api_key', description: 'Open311’s api_key: in the form body or the query string; the key needs the open311 scope.' },
      },
      schemas: { ApiError: schemaOf(ApiError, 'output'), Open311Errors: schemaOf(Open311Errors, 'output') },
    },
  };
}
