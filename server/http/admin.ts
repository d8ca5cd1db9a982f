import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { NewAccount, ResetPassword } from '../contract/accounts.js';
import { PairInput } from '../contract/layouts.js';
import { accountView, createAccount, resetPassword, setAccountDisabled } from '../commands/accounts.js';
import { pairDisplay } from '../commands/displays.js';
import type { Ctx } from '../commands/context.js';
import { allow } from './actor.js';
import { body } from './validate.js';
import { sendRefusal } from './errors.js';

export function adminRouter(ctx: Ctx): Router {
  const router = Router();

  router.get('/accounts', allow('accounts.manage'), async (_req, res) => {
    res.json({ accounts: (await ctx.store.query((p) => p.accounts.accounts())).map(accountView) });
  });
  router.post('/accounts', allow('accounts.manage'), body(NewAccount), async (req: Request, res: Response) => {
    const r = await createAccount(ctx, req.actor, req.input as z.infer<typeof NewAccount>);
    if (!r.ok) return sendRefusal(res, r);
    res.status(201).json({ account: r.value });
  });
  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    router.post(`/accounts/:id/${path}`, allow('accounts.manage'), async (req: Request, res: Response) => {
      const r = await setAccountDisabled(ctx, req.actor, String(req.params.id), disabled);
      if (!r.ok) return sendRefusal(res, r);
      res.json({ account: r.value });
    });
  }
  router.post('/accounts/:id/password', allow('accounts.manage'), body(ResetPassword), async (req: Request, res: Response) => {
    const r = await resetPassword(ctx, req.actor, String(req.params.id), (req.input as z.infer<typeof ResetPassword>).password);
    if (!r.ok) return sendRefusal(res, r);
    res.json({ account: r.value });
  });

  // The token is shown once; only its hash is kept.
  router.post('/displays', allow('displays.manage'), body(PairInput), async (req: Request, res: Response) => {
    const { name } = req.input as z.infer<typeof PairInput>;
    const d = await pairDisplay(ctx, req.actor, name);
    res.status(201).json({ id: d.id, token: d.token, url: `/wall?display=${d.token}` });
  });
  return router;
}
