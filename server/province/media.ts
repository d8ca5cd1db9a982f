import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Hub } from '../hub.js';

/**
 * A photo of the installation served at an address whose store does not hold it, by the city whose store does: the
 * province's Open311 answers link photos under the province's address, and a forwarded report's tracking page at the
 * first city shows the proof photos the other city took. `holders()`: the hubs to ask, in order (read per request:
 * the cities are made one after another); `own`: the city whose address it is, asked first. Photos are named by their
 * content's hash, so any holder's is the same file.
 */
export function mediaFrom(holders: () => Hub[], own?: () => Hub | undefined): Router {
  const router = Router();
  router.get('/media/:hash/:file', async (req: Request, res: Response, next: NextFunction) => {
    const hash = String(req.params.hash);
    if (!/^[a-f0-9]{64}$/.test(hash)) return next();
    // A city's own photo goes to its own route, as without several cities.
    const self = own?.();
    if (self && (await self.ctx.store.query((p) => p.reports.hasMedia(hash)))) return next();
    for (const hub of holders()) if (await hub.ctx.store.query((p) => p.reports.hasMedia(hash))) return void hub.app(req, res);
    next();
  });
  return router;
}
