import { describe, expect, it } from 'vitest';
import { dicts } from './index';
import { pt } from '../../screens/public/i18n';
import { ct } from './staff';
import { ind } from '../../screens/indicators/i18n';

describe('one word for one step', () => {
  it('the dispatch step reads the same in the console (status and history) and on the citizen’s /lacak', () => {
    const word = dicts.id.status.dispatched;
    expect(ct.events['report.dispatched']).toBe(word);
    expect(pt.event['report.dispatched']).toBe(word);
    // Through the agency to its field supervisor (PRODUCT.md, SIGAP step 3), in both languages.
    expect(word).toMatch(/pengawas lapangan/);
    expect(dicts.en.status.dispatched).toMatch(/field supervisor/);
  });

  it('a refused display token is told apart from a missing one', () => {
    for (const d of Object.values(dicts)) expect(d.tokenRefusedTitle).not.toBe(d.notPairedTitle);
  });

  it('the displays page says who may use it: supervisors too', () => {
    expect(ct.supervisorOnly).toMatch(/supervisor/);
  });

  it('the city budget figure says what it covers', () => {
    expect(ind.cityNote).toMatch(/APBD/);
  });
});
