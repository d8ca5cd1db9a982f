import { Router, type Request, type Response } from 'express';
import { LoginInput } from '../contract/accounts.js';
import { login, logout, SESSION_COOKIE } from '../commands/accounts.js';
import { readCookie } from '../commands/identify.js';
import type { Ctx } from '../commands/context.js';
import type { z } from 'zod';
import { allow } from './actor.js';
import { may } from '../domain/access.js';
import { body } from './validate.js';
import { sendRefusal } from './errors.js';

export function authRouter(ctx: Ctx): Router {
  const router = Router();

  router.post('/login', body(LoginInput), async (req: Request, res: Response) => {
    const { username, password } = req.input as z.infer<typeof LoginInput>;
    const r = await login(ctx, username, password);
    if (!r.ok) return sendRefusal(res, r);
    res.cookie(SESSION_COOKIE, r.value.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      // Max-Age, not Expires: a phone or wall PC whose clock is off still keeps the session as long as the hub does.
      maxAge: Math.max(0, r.value.expiresAt.getTime() - ctx.now().getTime()),
    });
    res.json({ account: r.value.account });
  });

  router.post('/logout', async (req: Request, res: Response) => {
    const token = readCookie(req.get('cookie'), SESSION_COOKIE);
    if (token) await logout(ctx, token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', allow('session.read'), (req: Request, res: Response) => {
    res.json({ actor: req.actor });
  });

  // A screen's first question, "is anyone signed in here?": a visitor who is not gets `actor: null`, not a 401, so
  // a login page opens without a failed request; a session that ended reads the same (the screen shows its login).
  router.get('/session', (req: Request, res: Response) => {
    res.json({ actor: may(req.actor, 'session.read') ? req.actor : null });
  });
  return router;
}
