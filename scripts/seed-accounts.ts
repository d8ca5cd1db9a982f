import type { Ctx } from '../server/commands/context.js';
import { accountActor, createAccount, accountView } from '../server/commands/accounts.js';
import { SYSTEM, type Actor } from '../server/contract/roles.js';
import type { AccountView } from '../server/contract/accounts.js';

export const DEMO_PASSWORD = 'pantau-demo-2026';

const FIELD_NAMES = ['Bambang Sutrisno', 'Eko Prasetyo', 'Asep Saepudin', 'Wahyu Hidayat', 'Dedi Kurniawan', 'Rudi Hartono', 'Slamet Riyadi', 'Heru Santoso', 'Iwan Setiawan', 'Yusuf Maulana', 'Andi Firmansyah', 'Taufik Hidayat'];
const OPERATOR_NAMES = ['Rina Wulandari', 'Sri Mulyani', 'Fitri Handayani', 'Nurul Aini', 'Dian Puspita', 'Maya Sari'];

export type DemoAccounts = { all: AccountView[]; operatorOf: (agencyId: string) => Actor; fieldOf: (agencyId: string, n?: number) => Actor };

/** Demo accounts for every role: an admin, a supervisor, an operator and two field supervisors per agency. */
export async function seedAccounts(ctx: Ctx): Promise<DemoAccounts> {
  const all: AccountView[] = [];
  const add = async (username: string, name: string, role: AccountView['role'], agencyId: string | null) => {
    const existing = await ctx.store.query((p) => p.accounts.accountByUsername(username));
    if (existing) return all.push(accountView(existing));
    const r = await createAccount(ctx, SYSTEM, { username, name, role, agencyId, password: DEMO_PASSWORD });
    if (!r.ok) throw new Error(`demo account ${username}: ${r.message}`);
    all.push(r.value);
  };
  await add('admin', 'Admin Command Center', 'admin', null);
  await add('supervisor', 'Kepala Command Center', 'supervisor', null);
  for (const [i, a] of ctx.city.profile.agencies.entries()) {
    await add(`operator.${a.id}`, OPERATOR_NAMES[i % OPERATOR_NAMES.length], 'operator', a.id);
    await add(`pengawas.${a.id}.1`, FIELD_NAMES[(2 * i) % FIELD_NAMES.length], 'field', a.id);
    await add(`pengawas.${a.id}.2`, FIELD_NAMES[(2 * i + 1) % FIELD_NAMES.length], 'field', a.id);
  }
  const byUsername = (u: string) => {
    const a = all.find((x) => x.username === u);
    if (!a) throw new Error(`no demo account ${u}`);
    return accountActor(a);
  };
  return { all, operatorOf: (agencyId) => byUsername(`operator.${agencyId}`), fieldOf: (agencyId, n = 1) => byUsername(`pengawas.${agencyId}.${n}`) };
}
