import { describe, expect, it } from 'vitest';
import { parseReportId } from './ids.js';

describe('a report id in a path', () => {
  it('is a plain positive whole number', () => {
    expect(parseReportId('116')).toBe(116);
    for (const loose of ['0x74', '116.0', '1e2', '+116', '-1', '0', '0116', ' 116', '116 ', '', '9999999999999999', 'Infinity'])
      expect(parseReportId(loose), loose).toBeNull();
    expect(parseReportId(116)).toBeNull();
  });
});
