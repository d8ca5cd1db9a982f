import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ActionInput, QueueQuery } from '../contract/console.js';
import { actOnReport } from '../commands/act-on-report.js';
import { acknowledgeReminder } from '../commands/deadline-sweep.js';
import type { Ctx } from '../commands/context.js';
import { agencyScope } from '../domain/access.js';
import { allowedActions, type ReportState } from '../domain/reports.js';
import { staffView } from '../domain/views.js';
import { consoleQueue, consoleReport, escalations, fieldSupervisors, reminders } from '../queries/console.js';
import { auditHeader, auditRow } from '../domain/audit.js';
import { WibDay } from '../contract/wib-day.js';
import { reportIdParam } from './report-id.js';
import { dayStart } from '../domain/time.js';
import { allow } from './actor.js';
import { body, query } from './validate.js';
import { sendRefusal } from './errors.js';

const ReminderAck = z.object({ flag: z.enum(['response_near', 'response_breached', 'resolution_near', 'resolution_breached', 'escalated']) });

const AuditQuery = z
  .object({ from: WibDay, to: WibDay })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export function consoleRouter(ctx: Ctx): Router {
  const router = Router();
  router.param('id', reportIdParam);

  /** A report the actor may open: operators only their agency's. */
  function load(req: Request, res: Response): ReportState | null {
    const r = ctx.store.reports.get(req.reportId);
    if (!r) return (res.status(404).json({ error: 'not_found', field: 'id', message: `no report ${req.params.id}` }), null);
    const scope = agencyScope(req.actor);
    if (scope && scope !== r.agencyId)
      return (res.status(403).json({ error: 'forbidden', field: 'id', message: `report ${r.ticket} belongs to another agency` }), null);
    return r;
  }

  router.get('/reports', allow('console.read'), query(QueueQuery), (req: Request, res: Response) => {
    res.json(consoleQueue(ctx, req.actor, req.input as z.infer<typeof QueueQuery>));
  });

  router.get('/reports/:id', allow('console.read'), (req: Request, res: Response) => {
    const r = load(req, res);
    if (r) res.json(consoleReport(ctx, req.actor, r));
  });

  router.post('/reports/:id/actions', allow('report.act'), body(ActionInput), (req: Request, res: Response) => {
    const r = load(req, res);
    if (!r) return;
    const input = req.input as z.infer<typeof ActionInput>;
    const result = actOnReport(ctx, req.actor, r.id, input);
    if (!result.ok) return sendRefusal(res, result);
    res.json({ report: staffView(result.value, req.actor), actions: allowedActions(result.value, req.actor) });
  });

  router.get('/reminders', allow('console.read'), (req: Request, res: Response) => {
    res.json({ reminders: reminders(ctx, req.actor) });
  });

  router.get('/escalations', allow('audit.export'), (req: Request, res: Response) => {
    res.json({ reports: escalations(ctx, req.actor) });
  });

  router.post('/reports/:id/reminders/ack', allow('reminders.acknowledge'), body(ReminderAck), (req: Request, res: Response) => {
    const r = acknowledgeReminder(ctx, req.actor, req.reportId, (req.input as z.infer<typeof ReminderAck>).flag);
    if (!r.ok) return sendRefusal(res, r);
    res.json({ report: staffView(r.value, req.actor) });
  });

  router.get('/field-supervisors', allow('console.read'), (req: Request, res: Response) => {
    const agency = agencyScope(req.actor) ?? String(req.query.agency ?? '');
    res.json({ fieldSupervisors: fieldSupervisors(ctx, agency) });
  });

  router.get('/audit.csv', allow('audit.export'), query(AuditQuery), (req: Request, res: Response) => {
    const { from, to } = req.input as z.infer<typeof AuditQuery>;
    const end = new Date(Date.parse(dayStart(to, ctx.city.clock)) + 24 * 3600_000).toISOString();
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="pantau-audit-${from}-${to}.csv"`);
    res.write(auditHeader(ctx.city.clock).join(',') + '\n');
    const tickets = new Map<number, string | null>();
    for (const e of ctx.store.events.inRange(dayStart(from, ctx.city.clock), end)) {
      if (e.reportId !== null && !tickets.has(e.reportId)) tickets.set(e.reportId, ctx.store.reports.get(e.reportId)?.ticket ?? null);
      res.write(auditRow(e, e.reportId === null ? null : tickets.get(e.reportId)!, ctx.city.clock) + '\n');
    }
    res.end();
  });

  return router;
}
