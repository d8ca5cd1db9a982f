import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { SqliteHub as Hub } from '../hub.js';
import { startTestHub, WALL_TOKEN } from '../testing/hub.js';
import { registeredRoutes } from '../testing/express-routes.js';
import { SCREENS } from './app.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import { ROUTES } from './openapi/routes.js';
import { openApiPath } from './openapi/document.js';

// Integrators read /api/openapi.json; it must name every route the hub answers and validate as OpenAPI 3.1.
let hub: Hub;
let url: string;
let doc: { openapi: string; paths: Record<string, Record<string, { operationId: string; 'x-roles': string[]; responses: Record<string, unknown> }>> };

/** Pages of the front end (index.html), not API: the hub serves them, integrators do not call them. */
const PAGES = new Set(['/', ...SCREENS]);

beforeAll(async () => {
  // With a built front end, so the page routes are registered too and must be told apart from the API.
  const staticDir = mkdtempSync(join(tmpdir(), 'pantau-dist-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Pantau</title>');
  ({ hub, url } = await startTestHub({ staticDir }, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
  const res = await fetch(`${url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(() => hub?.close());

/**
 * schema-base.json (the document, and every schema in it against the 3.1 dialect) compiled with ajv's 2020-12 mode.
 * Ajv resolves a $dynamicAnchor only at a schema's root (ajv-validator/ajv#1745), and schema.json keeps its
 * `meta` anchor in $defs; so each `$dynamicRef: #meta` is pointed at what dynamic scope resolves it to when
 * schema-base is the entry point: schema-base's own $defs/schema, the dialect.
 */
function oasValidator() {
  const dir = join(import.meta.dirname, 'openapi', 'oas-3.1');
  const text = (f: string) => readFileSync(join(dir, f), 'utf8');
  const base = JSON.parse(text('schema-base.json')) as { $id: string };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('media-range', true);
  ajv.addSchema(JSON.parse(text('meta-base.json')));
  ajv.addSchema(JSON.parse(text('dialect-base.json')));
  ajv.addSchema(JSON.parse(text('schema.json').replaceAll('"$dynamicRef": "#meta"', `"$ref": "${base.$id}#/$defs/schema"`)));
  return ajv.compile(base);
}

describe('/api/openapi.json', () => {
  it('lists every route the Express app registers, with its method', () => {
    const registered = registeredRoutes(hub.app as unknown as Parameters<typeof registeredRoutes>[0]).filter((r) => !PAGES.has(r.path));
    expect(registered.length).toBeGreaterThan(60);
    const described = new Set(ROUTES.map((r) => `${r.method} ${r.servedBy ?? r.path}`));
    const missing = registered.filter((r) => !described.has(`${r.method} ${r.path}`)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing, 'registered but not in server/http/openapi/routes.ts').toEqual([]);
    // And the other way: nothing is described that the hub does not serve.
    const served = new Set(registered.map((r) => `${r.method} ${r.path}`));
    expect(ROUTES.filter((r) => !served.has(`${r.method} ${r.servedBy ?? r.path}`)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    for (const r of ROUTES) expect(doc.paths[openApiPath(r.path)]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
  });

  it('validates as OpenAPI 3.1 against the official schemas, every schema in it against the 3.1 base dialect', () => {
    const validate = oasValidator();
    expect(validate(doc), validate.errors?.map((e) => `${e.instancePath} ${e.message}`).join('\n')).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it('the validator itself refuses a schema that is not one', () => {
    const validate = oasValidator();
    const bad = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { A: { type: 'objekt' }, B: { minLength: 'x' } } } };
    expect(validate(bad)).toBe(false);
  });

  it('gives every operation an id, its roles and its refusals', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        expect(ids.has(op.operationId), `${method} ${path}: operationId ${op.operationId} twice`).toBe(false);
        ids.add(op.operationId);
        expect(op['x-roles'].length, `${method} ${path}`).toBeGreaterThan(0);
      }
    const actions = doc.paths['/api/console/reports/{id}/actions'].post;
    expect(actions['x-roles']).toEqual(['operator', 'supervisor', 'field']);
    expect(Object.keys(actions.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(Object.keys(doc.paths['/api/reports'].post.responses)).toEqual(expect.arrayContaining(['201', '200', '400', '409', '413', '415', '422', '429', '503']));
    expect(Object.keys(doc.paths['/api/admin/cameras/import'].post.responses)).toEqual(['201', '400', '401', '403', '409', '413', '415', '422']);
    // Open311 refuses in its spec's terms: a photo too large is a 400 there, never a 413.
    expect(Object.keys(doc.paths['/open311/v2/requests.{format}'].post.responses)).toEqual(['201', '400', '403', '404', '429', '503']);
    expect((doc.paths['/api/reports'].post.responses['503'] as { headers: object }).headers).toHaveProperty('Retry-After');
  });
});

/** A login for each staff role in the accounts store. */
const USERS: Record<string, string> = { supervisor: 'supervisor', admin: 'admin', operator: 'operator.dkp', field: 'pengawas.dkp.1' };
const cookies = new Map<string, string>();
async function credentialOf(role: string): Promise<Record<string, string>> {
  if (role === 'wall') return { authorization: `Bearer ${WALL_TOKEN}` };
  if (!cookies.has(role)) {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USERS[role], password: DEMO_PASSWORD }) });
    expect(res.status).toBe(200);
    cookies.set(role, res.headers.get('set-cookie')!.split(';')[0]);
  }
  return { cookie: cookies.get(role)! };
}
/** A concrete path for an OpenAPI one: ids that name nothing in the accounts store. */
const concrete = (path: string) => path.replace(/\{ticket\}/g, 'TNG-2026-000001').replace(/\{\w+\}/g, '1');
type Op = { 'x-roles': string[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Schema = { required?: string[]; oneOf?: { properties: Record<string, { const?: unknown }> }[] };
const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op: op as unknown as Op })));

describe('the roles the document names are the ones the handlers let in', () => {
  it('a guarded route answers a stranger 401 and every role it does not name 403; a GET lets its roles past the guard', async () => {
    let checked = 0;
    for (const { path, method, op } of operations()) {
      const roles = op['x-roles'];
      // Public routes, the reporter's key and Open311's api_key are checked by their own tests.
      if (roles.includes('anyone') || path.startsWith('/open311/') || (roles.length === 1 && (roles[0] === 'citizen' || roles[0] === 'open311'))) continue;
      const ask = async (headers: Record<string, string>) => (await fetch(`${url}${concrete(path)}`, { method: method.toUpperCase(), headers })).status;
      expect(await ask({}), `${method} ${path} without a credential`).toBe(401);
      for (const role of [...Object.keys(USERS), 'wall']) {
        const status = await ask(await credentialOf(role));
        if (!roles.includes(role)) expect(status, `${method} ${path} as ${role}`).toBe(403);
        // Only GETs: a change let past the guard would be made.
        else if (method === 'get') expect([401, 403], `${method} ${path} as ${role}`).not.toContain(status);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe('the bodies the document describes are the ones the handlers read', () => {
  /** The fields a 400 for an empty body may name: the required ones, or a union's tag. */
  const firstRefusable = (s: Schema) => new Set([...(s.required ?? []), ...(s.oneOf ?? []).flatMap((v) => Object.keys(v.properties).filter((k) => v.properties[k].const !== undefined))]);

  it('an empty JSON body is refused naming a field the described schema requires', async () => {
    let checked = 0;
    for (const { path, method, op } of operations()) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema || firstRefusable(schema).size === 0) continue;
      const role = op['x-roles'].includes('anyone') ? null : Object.keys(USERS).find((r) => op['x-roles'].includes(r));
      if (role === undefined) continue;
      const res = await fetch(`${url}${concrete(path)}`, {
        method: method.toUpperCase(), body: '{}', headers: { 'content-type': 'application/json', ...(role ? await credentialOf(role) : {}) },
      });
      const answer = (await res.json()) as { field?: string };
      // A route that finds what its path names before it reads the body may say 404 first.
      if (res.status === 404 && /\{/.test(path)) continue;
      expect(res.status, `${method} ${path}: ${JSON.stringify(answer)}`).toBe(400);
      expect([...firstRefusable(schema)], `${method} ${path}`).toContain(answer.field);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });
});

describe('/api/docs', () => {
  it('is a page made from the document, with every route, and loads nothing from elsewhere', async () => {
    const res = await fetch(`${url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops)) expect(html, `${method} ${path}`).toContain(`data-path="${path.replace(/&/g, '&#38;')}" data-method="${method}"`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!wiki\.open311\.org)[a-z]/i);
  });
});
