import { XMLParser } from 'fast-xml-parser';

/**
 * An Open311 GeoReport v2 client that sends exactly what the open-source node-open311 client (npm "open311",
 * codeforamerica/node-open311, open311.js) sends: `<endpoint><path>.<format>` URLs, jurisdiction_id in the query
 * string of every call, POST requests form-encoded (application/x-www-form-urlencoded) with api_key in the body
 * and each attribute flattened to `attribute[code]`, a list of ids as a comma-joined service_request_id.
 * That package itself cannot be installed here (it needs the deprecated `request` and the native `xml2json`),
 * so this is its request code, line for line in behaviour, on fetch. Responses are returned raw so the tests
 * check them against the spec's schemas instead of this client's normalisation.
 */
export class Open311Client {
  constructor(readonly opts: { endpoint: string; jurisdiction?: string; apiKey?: string; format?: 'json' | 'xml' }) {
    if (!opts.endpoint.endsWith('/')) this.opts.endpoint += '/';
  }

  get format() {
    return this.opts.format ?? 'json';
  }

  /** GET <endpoint><path>.<format>?jurisdiction_id=…&params */
  async get(path: string, params: Record<string, string> = {}) {
    const qs = new URLSearchParams(params);
    if (this.opts.jurisdiction && !qs.has('jurisdiction_id')) qs.set('jurisdiction_id', this.opts.jurisdiction);
    const res = await fetch(`${this.opts.endpoint}${path}.${this.format}?${qs}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  serviceList() {
    return this.get('services');
  }
  serviceDefinition(code: string) {
    return this.get(`services/${code}`);
  }
  token(token: string) {
    return this.get(`tokens/${token}`);
  }
  /** serviceRequests(id) → requests/<id>; serviceRequests([ids]) → requests?service_request_id=a,b; serviceRequests(params). */
  serviceRequests(idOrParams?: string | string[] | Record<string, string>, params: Record<string, string> = {}) {
    if (typeof idOrParams === 'string') return this.get(`requests/${idOrParams}`, params);
    if (Array.isArray(idOrParams)) return this.get('requests', { ...params, service_request_id: idOrParams.join(',') });
    return this.get('requests', idOrParams ?? {});
  }

  /** submitRequest(data): api_key added to the form, data.attributes flattened to attribute[code]. */
  async submitRequest(data: Open311Form) {
    const form = new URLSearchParams();
    const { attributes, ...rest } = data;
    for (const [k, v] of Object.entries(rest)) if (typeof v === 'string') form.set(k, v);
    if (this.opts.apiKey !== undefined) form.set('api_key', this.opts.apiKey);
    for (const [code, v] of Object.entries(attributes ?? {})) form.set(`attribute[${code}]`, v);
    const qs = new URLSearchParams();
    if (this.opts.jurisdiction) qs.set('jurisdiction_id', this.opts.jurisdiction);
    const res = await fetch(`${this.opts.endpoint}requests.${this.format}?${qs}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  }
}

export type Open311Form = { attributes?: Record<string, string>; [field: string]: string | undefined | Record<string, string> };

/** Parses the spec's XML with every list element as an array, to compare with the JSON answers. */
export const parseOpen311Xml = (xml: string) =>
  new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['request', 'service', 'error', 'attribute', 'value', 'endpoint', 'format', 'note', 'photo'].includes(name),
  }).parse(xml) as Record<string, any>;
