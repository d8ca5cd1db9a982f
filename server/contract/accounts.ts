import { z } from 'zod';
import { Role } from './roles.js';

/** Roles a person logs in as; the wall and Open311 clients use tokens/keys instead. */
export const StaffRole = Role.extract(['admin', 'operator', 'supervisor', 'field']);
export type StaffRole = z.infer<typeof StaffRole>;

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
});

/** An operator or a field supervisor acts for one agency; a supervisor or admin for the whole city. */
export const needsAgency = (role: StaffRole): boolean => role === 'operator' || role === 'field';

const Password = z.string().min(10, 'at least 10 characters').max(200);

export const NewAccount = z
  .object({
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, '3-40 letters, digits, dot, dash or underscore'),
    name: z.string().trim().min(2).max(120),
    role: StaffRole,
    agencyId: z.string().trim().min(1).max(40).nullable().default(null),
    password: Password,
  })
  .superRefine((a, ctx) => {
    if (needsAgency(a.role) && !a.agencyId) ctx.addIssue({ code: 'custom', path: ['agencyId'], message: `a ${a.role} belongs to one agency` });
    if (!needsAgency(a.role) && a.agencyId) ctx.addIssue({ code: 'custom', path: ['agencyId'], message: `a ${a.role} acts for the whole city` });
  });
export type NewAccount = z.infer<typeof NewAccount>;

export const ResetPassword = z.object({ password: Password });

export type AccountView = {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
  agencyId: string | null;
  disabled: boolean;
  createdAt: string;
};
