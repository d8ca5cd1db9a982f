import { describe, expect, it } from 'vitest';
import { jurisdictionOf } from './jurisdictions.js';

describe('jurisdictionOf', () => {
  it('takes the query string or the form, requires them to agree, and reads an empty or a repeated one as none', () => {
    expect(jurisdictionOf('malang', undefined)).toEqual({ kind: 'one', id: 'malang' });
    expect(jurisdictionOf(undefined, 'malang')).toEqual({ kind: 'one', id: 'malang' });
    // As it came: ' malang' is no city (the city handed it would say so), not Malang.
    expect(jurisdictionOf(' malang', undefined)).toEqual({ kind: 'one', id: ' malang' });
    expect(jurisdictionOf('malang', 'malang')).toEqual({ kind: 'one', id: 'malang' });
    expect(jurisdictionOf('malang', 'tangerang')).toEqual({ kind: 'conflict', query: 'malang', form: 'tangerang' });
    expect(jurisdictionOf('', '')).toEqual({ kind: 'none' });
    // ?jurisdiction_id=a&jurisdiction_id=b arrives as an array: not one jurisdiction.
    expect(jurisdictionOf(['malang', 'tangerang'], undefined)).toEqual({ kind: 'none' });
  });
});
