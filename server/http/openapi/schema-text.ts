/**
 * A JSON Schema in a few words a person reads at a glance ("string, 5–2000 characters", "one of: web, app"), and
 * an object schema as rows of fields, nested ones by dotted name, for the docs page.
 */
type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema | false;
  prefixItems?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  description?: string;
  contentMediaType?: string;
};

export type FieldRow = { name: string; type: string; required: boolean; note: string };

const SAFE_MAX = 9007199254740991;

function range(lo: number | undefined, hi: number | undefined, unit: string): string {
  const h = hi === SAFE_MAX ? undefined : hi;
  if (lo !== undefined && h !== undefined) return lo === h ? `${lo}${unit}` : `${lo}–${h}${unit}`;
  if (lo !== undefined) return `≥ ${lo}${unit}`;
  if (h !== undefined) return `≤ ${h}${unit}`;
  return '';
}

export function typeText(s: Schema | undefined): string {
  if (!s || Object.keys(s).length === 0) return 'any';
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of: ${s.enum.map((v) => String(v)).join(', ')}`;
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map(typeText).join(' or ');
  if (s.contentMediaType) return `file (${s.contentMediaType})`;
  const parts: string[] = [];
  const type = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  if (type === 'array') {
    if (s.prefixItems) parts.push(`[${s.prefixItems.map(typeText).join(', ')}]`);
    else parts.push(`list of ${typeText(s.items || undefined)}`, range(s.minItems, s.maxItems, ' items'));
  } else {
    parts.push(type);
    if (type === 'string') parts.push(range(s.minLength, s.maxLength, ' characters'));
    if (type === 'number' || type === 'integer') parts.push(range(s.minimum, s.maximum, ''));
    if (s.format) parts.push(s.format);
    if (s.pattern) parts.push(`matching ${s.pattern}`);
  }
  return parts.filter(Boolean).join(', ');
}

/** Rows for an object's fields; a discriminated union gives one group of rows per variant, headed by its tag. */
export function fieldRows(s: Schema | undefined, prefix = '', depth = 0): FieldRow[] {
  if (!s) return [];
  const variants = s.oneOf ?? s.anyOf;
  if (variants && variants.every((v) => v.properties)) {
    return variants.flatMap((v, i) => {
      const tag = Object.entries(v.properties!).find(([, p]) => p.const !== undefined);
      const head: FieldRow = { name: `${prefix || 'body'} — variant ${tag ? `${tag[0]} = ${JSON.stringify(tag[1].const)}` : i + 1}`, type: '', required: false, note: '' };
      return [head, ...fieldRows({ ...v, oneOf: undefined, anyOf: undefined }, prefix, depth)];
    });
  }
  const rows: FieldRow[] = [];
  for (const [name, p] of Object.entries(s.properties ?? {})) {
    const full = prefix ? `${prefix}.${name}` : name;
    const note = [p.description, p.default !== undefined ? `default ${JSON.stringify(p.default)}` : ''].filter(Boolean).join('; ');
    const nested = p.properties || (p.oneOf ?? p.anyOf)?.every((v) => v.properties);
    rows.push({ name: full, type: nested ? 'object' : typeText(p), required: s.required?.includes(name) ?? false, note });
    if (nested && depth < 3) rows.push(...fieldRows(p, full, depth + 1));
    const item = p.items || undefined;
    if (item && item.properties && depth < 3) rows.push(...fieldRows(item, `${full}.N`, depth + 1));
  }
  return rows;
}
