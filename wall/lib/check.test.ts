import { describe, expect, it } from 'vitest';
import { NewAccount, ResetPassword } from '../../server/contract/accounts';
import { passes, refusedFields } from './check';

describe('the browser asks the hub’s schemas', () => {
  it('passes one value against one field’s rule', () => {
    expect(passes(ResetPassword.shape.password, 'short')).toBe(false);
    expect(passes(ResetPassword.shape.password, 'long enough 123')).toBe(true);
  });

  it('names the fields a whole form would be refused for, rules across fields included', () => {
    const form = { username: 'op.dkp.2', name: 'Operator', role: 'operator', agencyId: null, password: 'long enough 123' };
    expect([...refusedFields(NewAccount, form)]).toEqual(['agencyId']);
    expect(refusedFields(NewAccount, { ...form, agencyId: 'dkp' }).size).toBe(0);
  });
});
