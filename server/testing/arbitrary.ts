import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries read from the zod contracts in server/contract: `valid(schema)` makes values of the
 * schema's shape (its refinements may still refuse some: that is a fair input too), `broken(schema)` makes the
 * same with one thing wrong (a missing key, a wrong type, an edge value) or something else entirely. The fuzz
 * suite sends both to a real hub.
 */

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Values a careless client or a stranger sends where a field is expected. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', ' ', '%E0', '%', '\u0000', '\u001b[31m', 'null', 'undefined', '0x74', '1e16', '-0', 'NaN', 'Infinity', '../../etc/passwd',
    "'; DROP TABLE reports; --", '<script>alert(1)</script>', '\uFFFF\uD800', 'é'.repeat(300)),
  fc.constantFrom(null, true, false, 0, -1, 1e16, -1e308, 2 ** 53 + 1, 0.1),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ minLength: 3000, maxLength: 5000 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null)), { maxKeys: 3 }),
);

function stringOf(s: z.ZodType, d: Def): fc.Arbitrary<string> {
  const checks = (d.checks as { _zod: { def: { check: string; format?: string; pattern?: RegExp } } }[] | undefined) ?? [];
  const pattern = checks.map((c) => c._zod.def).find((c) => c.format === 'regex')?.pattern;
  const str = s as unknown as { minLength: number | null; maxLength: number | null; format: string | null };
  const min = str.minLength ?? 0;
  const max = Math.min(str.maxLength ?? 200, Math.max(min, 200));
  if (pattern) return fc.stringMatching(pattern).filter((v) => v.length >= min && v.length <= (str.maxLength ?? Infinity));
  if (str.format === 'datetime') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((x) => x.toISOString());
  if (str.format === 'url') return fc.webUrl();
  if (str.format === 'email') return fc.emailAddress();
  return fc.string({ minLength: min, maxLength: max });
}

function numberOf(s: z.ZodType): fc.Arbitrary<number> {
  const n = s as unknown as { minValue: number | null; maxValue: number | null; format: string | null; isInt: boolean };
  const min = Number.isFinite(n.minValue) ? n.minValue! : -1e9;
  const max = Number.isFinite(n.maxValue) ? n.maxValue! : 1e9;
  if (n.isInt || n.format === 'safeint' || n.format === 'int32') return fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values of the schema's shape. */
export function valid(s: z.ZodType): fc.Arbitrary<unknown> {
  const d = defOf(s);
  switch (d.type) {
    case 'string':
      return stringOf(s, d);
    case 'number':
      return numberOf(s);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(valid(d.innerType as z.ZodType), { nil: undefined });
    case 'nullable':
      return fc.option(valid(d.innerType as z.ZodType), { nil: null });
    case 'array': {
      const a = s as unknown as { def: { checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; length?: number } } }[] } };
      const c = (a.def.checks ?? []).map((x) => x._zod.def);
      const min = c.find((x) => x.check === 'min_length')?.minimum ?? c.find((x) => x.check === 'length_equals')?.length ?? 0;
      const max = Math.min(c.find((x) => x.check === 'max_length')?.maximum ?? 4, min + 4);
      return fc.array(valid(d.element as z.ZodType), { minLength: min, maxLength: max });
    }
    case 'object': {
      const shape = d.shape as Record<string, z.ZodType>;
      const required = Object.keys(shape).filter((k) => !['optional', 'default', 'prefault'].includes(defOf(shape[k]).type));
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, valid(v)])), { requiredKeys: required });
    }
    case 'union':
      return fc.oneof(...(d.options as z.ZodType[]).map(valid));
    case 'pipe': {
      // preprocess(fn, schema) is a pipe from a transform into the schema: the schema says what is meant.
      const from = defOf(d.in as z.ZodType);
      return valid((from.type === 'transform' ? d.out : d.in) as z.ZodType);
    }
    default:
      return fc.anything();
  }
}

/** The schema's shape with one thing wrong, or not its shape at all. */
export function broken(s: z.ZodType): fc.Arbitrary<unknown> {
  const d = defOf(s);
  const whole = fc.oneof(junk, fc.anything({ maxDepth: 2 }));
  if (d.type !== 'object') return whole;
  const keys = Object.keys(d.shape as Record<string, unknown>);
  if (!keys.length) return whole;
  const base = valid(s) as fc.Arbitrary<Record<string, unknown>>;
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    // one field with a wrong value (type, size, encoding)
    fc.tuple(base, key, junk).map(([v, k, j]) => ({ ...v, [k]: j })),
    // one required field missing
    fc.tuple(base, key).map(([v, k]) => {
      const { [k]: _, ...rest } = v;
      return rest;
    }),
    // a field nobody asked for, next to valid ones
    fc.tuple(base, fc.string({ minLength: 1, maxLength: 12 }), junk).map(([v, k, j]) => ({ ...v, [k]: j })),
    whole,
  );
}

/** Valid and broken, half and half. */
export const anyOf = (s: z.ZodType) => fc.oneof(valid(s), broken(s));
