import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ActionInput, QueueQuery, type FieldSupervisorLoad, type HistoryEntry } from '../contract/console.js';
import { actOnReport } from '../commands/act-on-report.js';
import { acknowledgeReminder } from '../commands/deadline-sweep.js';
import type { Ctx } from '../commands/context.js';
import { agencyScope } from '../domain/access.js';
import { allowedActions, type ReportState } from '../domain/reports.js';
import { cameraView, staffView } from '../domain/views.js';
import { nearestOnline } from '../domain/cameras.js';
import { CAMERA_LOOK_METERS } from '../commands/camera-look.js';
import { auditHeader, auditRow } from '../domain/audit.js';
import { WibDay } from '../contract/wib-day.js';
import { reportIdParam } from './report-id.js';
import { dayStart } from '../domain/time.js';
import { searchTerms } from '../domain/search.js';
import type { Actor } from '../contract/roles.js';
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
    const q = req.input as z.infer<typeof QueueQuery>;
    const scope = agencyScope(req.actor);
    const rows = ctx.store.reports.query({
      agencyId: scope ?? q.agency ?? null,
      statuses: q.status,
      categoryId: q.category,
      districtCode: q.district,
      channel: q.channel,
      createdBefore: q.olderThanHours !== undefined ? new Date(ctx.now().getTime() - q.olderThanHours * 3600_000).toISOString() : undefined,
      terms: q.q ? searchTerms(q.q, { categories: ctx.city.profile.categories, districts: ctx.city.districts }) : undefined,
      limit: q.limit,
    });
    res.json({ seq: ctx.store.events.headSeq(), reports: rows.map((r) => staffView(r, req.actor, assigneeName(r.assigneeId))) });
  });

  router.get('/reports/:id', allow('console.read'), (req: Request, res: Response) => {
    const r = load(req, res);
    if (!r) return;
    res.json({
      report: staffView(r, req.actor, assigneeName(r.assigneeId)),
      history: history(r.id),
      actions: allowedActions(r, req.actor),
      fieldSupervisors: fieldSupervisors(r.agencyId),
      mergedInto: r.mergedIntoId ? ctx.store.reports.get(r.mergedIntoId)?.ticket ?? null : null,
      // Operators can open a camera near the report: the nearest online ones, with distance.
      cameras: nearestOnline(ctx.store.cameras.list().map((c) => ({ ...cameraView(c), health: c.health ?? 'offline' })), r, 2 * CAMERA_LOOK_METERS, 3),
    });
  });

  router.post('/reports/:id/actions', allow('report.act'), body(ActionInput), (req: Request, res: Response) => {
    const r = load(req, res);
    if (!r) return;
    const input = req.input as z.infer<typeof ActionInput>;
    const result = actOnReport(ctx, req.actor, r.id, input);
    if (!result.ok) return sendRefusal(res, result);
    res.json({ report: staffView(result.value, req.actor), actions: allowedActions(result.value, req.actor) });
  });

  // Deadline reminders for the operator's agency (all agencies for a supervisor) that nobody has acknowledged.
  router.get('/reminders', allow('console.read'), (req: Request, res: Response) => {
    const reminders = ctx.store.reports
      .flagged(agencyScope(req.actor), 500)
      .flatMap((r) => r.deadlineFlags.filter((f) => f !== 'escalated' && !r.acknowledgedFlags.includes(f)).map((flag) => ({ flag, report: staffView(r, req.actor) })));
    res.json({ reminders });
  });

  // SP4N-LAPOR: reports not followed up within the escalation period, listed for the supervisor.
  router.get('/escalations', allow('audit.export'), (req: Request, res: Response) => {
    res.json({ reports: ctx.store.reports.flagged(null, 2000).filter((r) => r.deadlineFlags.includes('escalated')).map((r) => staffView(r, req.actor)) });
  });

  router.post('/reports/:id/reminders/ack', allow('reminders.acknowledge'), body(ReminderAck), (req: Request, res: Response) => {
    const r = acknowledgeReminder(ctx, req.actor, req.reportId, (req.input as z.infer<typeof ReminderAck>).flag);
    if (!r.ok) return sendRefusal(res, r);
    res.json({ report: staffView(r.value, req.actor) });
  });

  router.get('/field-supervisors', allow('console.read'), (req: Request, res: Response) => {
    const agency = agencyScope(req.actor) ?? String(req.query.agency ?? '');
    res.json({ fieldSupervisors: fieldSupervisors(agency) });
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

  function history(reportId: number): HistoryEntry[] {
    return ctx.store.events.forReport(reportId).map((e) => {
      const { from, to, reason, report: _initial, ...detail } = e.payload as Record<string, unknown>;
      return {
        seq: e.seq, at: e.at, type: e.type,
        actor: { id: e.actor.id, role: e.actor.role, name: nameOf(e.actor), agencyId: e.actor.agencyId ?? null },
        from: from as string | undefined, to: to as string | undefined, reason: reason as string | undefined, detail,
      };
    });
  }

  function assigneeName(id: string | null): string | null {
    return id ? (ctx.store.accounts.get(id)?.name ?? null) : null;
  }

  function nameOf(a: Actor): string | null {
    return a.name ?? ctx.store.accounts.get(a.id)?.name ?? null;
  }

  function fieldSupervisors(agencyId: string): FieldSupervisorLoad[] {
    const load = ctx.store.reports.openJobsByAssignee(agencyId);
    return ctx.store.accounts
      .fieldSupervisors(agencyId)
      .map((a) => ({ id: a.id, name: a.name, agencyId: a.agencyId!, openJobs: load.get(a.id) ?? 0 }));
  }
  return router;
}
