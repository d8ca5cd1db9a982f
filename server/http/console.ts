import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ActionInput, FieldSupervisorsQuery, QueueQuery } from '../contract/console.js';
import { actOnReport } from '../commands/act-on-report.js';
import { acknowledgeReminder } from '../commands/deadline-sweep.js';
import type { Ctx } from '../commands/context.js';
import { reportForActor } from './report-for-actor.js';
import { agencyScope } from '../domain/access.js';
import { allowedActions } from '../domain/reports.js';
import { staffView } from '../domain/views.js';
import { actionsHere, consoleQueue, consoleReport, escalations, fieldSupervisors, reminders } from '../queries/console.js';
import { forwardReport } from '../commands/forward-report.js';
import { auditLines } from '../queries/audit.js';
import { WibDay } from '../contract/wib-day.js';
import { reportIdParam } from './report-id.js';
import { allow } from './actor.js';
import { body, query } from './validate.js';
import { sendRefusal } from './errors.js';

export const ReminderAck = z.object({ flag: z.enum(['response_near', 'response_breached', 'resolution_near', 'resolution_breached', 'escalated']) });

export const AuditQuery = z
  .object({ from: WibDay, to: WibDay })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export function consoleRouter(ctx: Ctx): Router {
  const router = Router();
  router.param('id', reportIdParam);

  router.get('/reports', allow('console.read'), query(QueueQuery), async (req: Request, res: Response) => {
    res.json(await consoleQueue(ctx, req.actor, req.input as z.infer<typeof QueueQuery>));
  });

  router.get('/reports/:id', allow('console.read'), async (req: Request, res: Response) => {
    const r = await reportForActor(ctx, req, res);
    if (r) res.json(await consoleReport(ctx, req.actor, r));
  });

  router.post('/reports/:id/actions', allow('report.act'), body(ActionInput), async (req: Request, res: Response) => {
    const r = await reportForActor(ctx, req, res);
    if (!r) return;
    const input = req.input as z.infer<typeof ActionInput>;
    // Forwarding reaches another city of the installation: its own command (server/commands/forward-report.ts).
    const result = input.action === 'forward' ? await forwardReport(ctx, req.actor, r.id, input) : await actOnReport(ctx, req.actor, r.id, input);
    if (!result.ok) return sendRefusal(res, result);
    res.json({ report: staffView(result.value, req.actor), actions: actionsHere(ctx, result.value, allowedActions(result.value, req.actor)) });
  });

  router.get('/reminders', allow('console.read'), async (req: Request, res: Response) => {
    res.json({ reminders: await reminders(ctx, req.actor) });
  });

  router.get('/escalations', allow('audit.export'), async (req: Request, res: Response) => {
    res.json({ reports: await escalations(ctx, req.actor) });
  });

  router.post('/reports/:id/reminders/ack', allow('reminders.acknowledge'), body(ReminderAck), async (req: Request, res: Response) => {
    const r = await acknowledgeReminder(ctx, req.actor, req.reportId, (req.input as z.infer<typeof ReminderAck>).flag);
    if (!r.ok) return sendRefusal(res, r);
    res.json({ report: staffView(r.value, req.actor) });
  });

  router.get('/field-supervisors', allow('console.read'), query(FieldSupervisorsQuery), async (req: Request, res: Response) => {
    const agency = agencyScope(req.actor) ?? (req.input as z.infer<typeof FieldSupervisorsQuery>).agency ?? '';
    res.json({ fieldSupervisors: await fieldSupervisors(ctx, agency) });
  });

  router.get('/audit.csv', allow('audit.export'), query(AuditQuery), async (req: Request, res: Response) => {
    const { from, to } = req.input as z.infer<typeof AuditQuery>;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="pantau-audit-${from}-${to}.csv"`);
    for await (const line of auditLines(ctx, from, to)) res.write(line);
    res.end();
  });

  return router;
}
