import type { Logger } from 'pino';
import type { Hub } from '../hub.js';
import type { Forwarding } from '../commands/context.js';
import { receiveForwarded } from '../commands/forward-report.js';
import { refuse, type ReportState } from '../domain/reports.js';
import { trackView } from '../queries/track.js';

/** How soon a filing that failed (the other city's store away) is tried again, beside the next start's. */
const RETRY_MS = 30_000;

/**
 * How each city of an installation reaches the others (Ctx.forwarding): which cities it may forward to, filing a
 * forwarded report in the receiving city's log, and the citizen's page of it there.
 */
export function forwardingOf(self: Hub, hubs: Hub[], log: Pick<Logger, 'error'>): Forwarding {
  const others = new Map(hubs.filter((h) => h !== self).map((h) => [h.ctx.city.profile.id, h]));
  return {
    cities: [...others.values()].map((h) => ({ id: h.ctx.city.profile.id, name: h.ctx.city.profile.name })),
    accepts: (cityId, categoryId) => others.get(cityId)?.ctx.city.profile.categories.some((c) => c.id === categoryId) ?? false,
    deliver: async (cityId, report, reason) => {
      const to = others.get(cityId);
      if (!to) return refuse('invalid', `toCity: no city ${cityId} in this installation`, 'toCity');
      const at = self.ctx.now().toISOString();
      try {
        const r = await receiveForwarded(to.ctx, { city: self.ctx.city, media: self.ctx.media }, report, reason, at);
        if (!r.ok) log.error({ ticket: report.ticket, to: cityId, why: r.message }, 'a forwarded report was refused by the city it went to');
        return r;
      } catch (err) {
        // Its report.forwarded is committed: it is sent again shortly, and at the next start (deliverPending).
        log.error({ err, ticket: report.ticket, to: cityId }, `a forwarded report could not be filed yet; sent again in ${RETRY_MS / 1000} s`);
        setTimeout(() => void deliverPending(self).catch(() => {}), RETRY_MS).unref();
        return refuse('busy', `${report.ticket} could not be filed in ${cityId} yet; it is sent again`);
      }
    },
    holds: async (cityId, ticket) => {
      const to = others.get(cityId);
      return to ? (await to.ctx.store.query((p) => p.reports.reportByTicket(ticket))) !== null : false;
    },
    track: async (cityId, ticket, key, via) => {
      const to = others.get(cityId);
      const r = to ? await to.ctx.store.query((p) => p.reports.reportByTicket(ticket)) : null;
      return to && r ? trackView(to.ctx, r, key, via) : null;
    },
  };
}

/**
 * At start-up: every report a city forwarded whose filing in the receiving city is not there (a hub that stopped
 * between the two commits) is delivered now. Read by pages of the forwarded reports, each against its target's ticket.
 */
export async function deliverPending(hub: Hub): Promise<number> {
  const fw = hub.ctx.forwarding;
  if (!fw) return 0;
  let sent = 0;
  let before: number | undefined;
  for (;;) {
    const page: ReportState[] = await hub.ctx.store.query((p) => p.reads.queuePage({ statuses: ['forwarded'] }, { before, limit: 200 }));
    for (const r of page) {
      const events = await hub.ctx.store.query((p) => p.reports.eventsOf(r.id));
      const last = events.findLast((e) => e.type === 'report.forwarded');
      const to = typeof last?.payload.toCity === 'string' ? last.payload.toCity : null;
      if (!to || (await fw.holds(to, r.ticket))) continue;
      if ((await fw.deliver(to, r, String(last!.payload.reason ?? ''))).ok) sent++;
    }
    if (page.length < 200) return sent;
    before = page[page.length - 1].id;
  }
}
