import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import type { Open311Error } from '../domain/open311-parse.js';
import { stripControls } from '../domain/text.js';

export type Format = 'xml' | 'json';

/** The element name of one item in a list the spec wraps: <attributes><attribute/>…</attributes>. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  photos: 'photo',
  proof_photos: 'photo',
  notes: 'note',
};

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, ignoreAttributes: true, indentBy: '  ' });

/** JSON values to the spec's XML shape: lists wrapped in their plural element, null as an empty element. */
function xmlTree(value: unknown, key: string): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return { [ITEM[key] ?? key.replace(/s$/, '')]: value.map((v) => xmlTree(v, ITEM[key] ?? key)) };
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlTree(v, k)]));
  // Escaping cannot carry a control character in XML 1.0: one stored before intake cleaned them must not break the document.
  return typeof value === 'string' ? stripControls(value) : value;
}

export function toXml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: xmlTree(body, root) })}`;
}

/** Sends one answer in the format the path asked for; `root` is the XML document element (a list's plural name). */
/** `body` is the answer itself: a promise of one (a read not awaited) is refused by the type. */
export function send<T>(res: Response, format: Format, status: number, root: string, body: T extends PromiseLike<unknown> ? never : T): void {
  res.status(status);
  if (format === 'json') {
    res.json(body);
    return;
  }
  res.type('text/xml; charset=utf-8').send(toXml(root, body));
}

/** The spec's errors: [{code, description}] / <errors><error>…</error></errors>, with the same HTTP status. */
export function sendError(res: Response, format: Format, e: Open311Error | { code: number; description: string }): void {
  send(res, format, e.code, 'errors', [{ code: e.code, description: e.description }]);
}
