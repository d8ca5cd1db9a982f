import type { OpenApiDocument } from './document.js';
import { fieldRows, typeText, type FieldRow } from './schema-text.js';

/**
 * The docs page: plain HTML and CSS made from the OpenAPI document, nothing fetched and no script, so it reads the
 * same offline, behind the hub's strict CSP, and in a text browser. One section per area, one entry per route.
 */
type Json = Record<string, any>;

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const code = (s: string) => `<code>${esc(s)}</code>`;
/** Backticks in descriptions are code, as in the document's Markdown. */
const prose = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #d4d9df; --soft: #f3f5f7; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
header, main, nav { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .25rem; padding-top: .5rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
h4 { font-size: .95rem; margin: 1rem 0 .25rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
nav ul { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0; list-style: none; }
.route { border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.1rem; margin: 1rem 0; }
.method { display: inline-block; min-width: 4.2rem; text-align: center; font: 700 .8rem/1.6 ui-monospace, monospace; color: #fff; border-radius: 4px; padding: 0 .4rem; background: #2e6b30; }
.method.post { background: #0b5cad; } .method.put, .method.patch { background: #8a4b00; } .method.delete { background: #a4161a; }
.path { font-size: 1rem; font-weight: 600; }
.summary { font-weight: 400; color: var(--muted); }
.roles span { display: inline-block; background: var(--soft); border: 1px solid var(--line); border-radius: 999px; padding: 0 .55rem; margin: 0 .25rem .25rem 0; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 .5rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.variant { background: var(--soft); font-style: italic; }
.errors li { margin: .15rem 0; }
.muted { color: var(--muted); }
`;

function fieldsTable(rows: FieldRow[]): string {
  if (!rows.length) return '<p class="muted">No fields.</p>';
  const body = rows
    .map((r) => (r.type === '' ? `<tr><td class="variant" colspan="4">${esc(r.name)}</td></tr>` : `<tr><td>${code(r.name)}</td><td>${esc(r.type)}</td><td>${r.required ? 'yes' : ''}</td><td>${esc(r.note)}</td></tr>`))
    .join('');
  return `<table><thead><tr><th scope="col">field</th><th scope="col">type</th><th scope="col">required</th><th scope="col">notes</th></tr></thead><tbody>${body}</tbody></table>`;
}

function parametersHtml(params: Json[] | undefined): string {
  if (!params?.length) return '';
  const rows = params
    .map((p) => `<tr><td>${code(p.name)}</td><td>${esc(p.in)}</td><td>${esc(typeText(p.schema))}</td><td>${p.required ? 'yes' : ''}</td><td>${esc(p.description ?? '')}</td></tr>`)
    .join('');
  return `<h4>Parameters</h4><table><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">required</th><th scope="col">notes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function bodyHtml(body: Json | undefined): string {
  if (!body) return '';
  // The same fields sent as JSON and as a form are one table with both types named.
  const groups = new Map<string, string[]>();
  for (const [type, media] of Object.entries(body.content as Json)) {
    const key = JSON.stringify(media.schema ?? {});
    groups.set(key, [...(groups.get(key) ?? []), type]);
  }
  return [...groups]
    .map(([key, types]) => {
      const schema = JSON.parse(key) as Json;
      const rows = schema.type === 'object' || schema.properties || schema.oneOf ? fieldRows(schema) : [];
      const table = rows.length ? fieldsTable(rows) : `<p>${esc(typeText(schema))}${schema.description ? `: ${esc(schema.description)}` : ''}</p>`;
      return `<h4>Body <span class="muted">(${types.map(esc).join(', ')})</span></h4>${table}`;
    })
    .join('');
}

function responsesHtml(responses: Json): string {
  const entries = Object.entries(responses);
  const ok = entries.filter(([s]) => Number(s) < 400);
  const errors = entries.filter(([s]) => Number(s) >= 400);
  const okHtml = ok
    .map(([status, r]) => {
      const types = Object.keys(r.content ?? {});
      const schema = r.content?.[types[0]]?.schema;
      return `<p><strong>${esc(status)}</strong> ${prose(r.description)}${types.length ? ` <span class="muted">(${types.map(esc).join(', ')})</span>` : ''}</p>${schema ? fieldsTable(fieldRows(schema)) : ''}`;
    })
    .join('');
  const errHtml = errors.length
    ? `<h4>Errors</h4><ul class="errors">${errors.map(([status, r]) => `<li><strong>${esc(status)}</strong> ${prose(r.description)}${r.headers?.['Retry-After'] ? ' (header <code>Retry-After</code>)' : ''}</li>`).join('')}</ul>`
    : '';
  return `<h4>Answer</h4>${okHtml}${errHtml}`;
}

function routeHtml(path: string, method: string, op: Json): string {
  const description = String(op.description ?? '').split('\n\n').map((p) => `<p>${prose(p)}</p>`).join('');
  const security = (op.security as Json[] | undefined)?.map((s) => Object.keys(s)[0] ?? 'none').map((s) => (s === 'none' ? 'no credential' : s)).join(', ');
  return `<article class="route" id="${esc(op.operationId)}" data-path="${esc(path)}" data-method="${esc(method)}">
<h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <span class="path">${code(path)}</span> <span class="summary">${esc(op.summary)}</span></h3>
${description}
<p class="roles">Roles: ${(op['x-roles'] as string[]).map((r) => `<span>${esc(r)}</span>`).join('')}${security ? ` <span class="muted">credentials: ${esc(security)}</span>` : ''}</p>
${parametersHtml(op.parameters)}${bodyHtml(op.requestBody)}${responsesHtml(op.responses)}
</article>`;
}

export function docsPage(doc: OpenApiDocument): string {
  const tags = doc.tags as { name: string; description: string }[];
  const byTag = new Map(tags.map((t) => [t.name, [] as string[]]));
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) byTag.get((op.tags as string[])[0])?.push(routeHtml(path, method, op as Json));
  const schemes = Object.entries((doc.components as Json).securitySchemes as Json)
    .map(([name, s]) => `<tr><td>${code(name)}</td><td>${esc(s.type === 'http' ? `Authorization: Bearer` : `${s.in} ${s.name}`)}</td><td>${prose(s.description)}</td></tr>`)
    .join('');
  const info = doc.info as Json;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(info.title)}</h1>
<p>${prose(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(doc.openapi)}, version ${esc(info.version)}). This page is made from it by the hub and needs nothing from the internet.</p>
</header>
<nav aria-label="Areas"><ul>${tags.map((t) => `<li><a href="#area-${esc(t.name)}">${esc(t.name)}</a> <span class="muted">(${byTag.get(t.name)!.length})</span></li>`).join('')}<li><a href="#credentials">credentials</a></li></ul></nav>
<main>
<section id="credentials"><h2>Credentials</h2>
<table><thead><tr><th scope="col">scheme</th><th scope="col">sent as</th><th scope="col">what</th></tr></thead><tbody>${schemes}</tbody></table>
<p>Every refusal of the JSON API is <code>{ error, field, message }</code>: <code>field</code> names what was refused. Open311 answers with the spec’s <code>[{ code, description }]</code>.</p>
</section>
${tags
  .filter((t) => byTag.get(t.name)!.length)
  .map((t) => `<section id="area-${esc(t.name)}"><h2>${esc(t.name)}</h2><p>${prose(t.description)}</p>${byTag.get(t.name)!.join('\n')}</section>`)
  .join('\n')}
</main>
</body>
</html>
`;
}
