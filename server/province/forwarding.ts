import type { Logger } from 'pino';
import type { Hub } from '../hub.js';
import type { Forwarding } from '../commands/context.js';
import { receiveForwarded } from '../commands/forward-report.js';
import { refuse, type ReportState } from '../domain/reports.js';
import { trackView } from '../queries/track.js';

/** How soon filings that failed (the other city's store away) are tried again; doubled on each failure, to a cap. */
const RETRY_MS = 30_000;
const RETRY_MAX_MS = 10 * 60_000;

/** A city's forwarding, with its one retry of what failed: at most one pending per city, stopped with the installation. */
export type CityForwarding = Forwarding & { retryLater(): void; stop(): void };

/**
 * How each city of an installation reaches the others (Ctx.forwarding): which cities it may forward to, filing a
 * forwarded report in the receiving city's log, and the citizen's page of it there.
 */
export function forwardingOf(self: Hub, hubs: Hub[], log: Pick<Logger, 'error' | 'warn'>): CityForwarding {
  const others = new Map(hubs.filter((h) => h !== self).map((h) => [h.ctx.city.profile.id, h]));
  let retry: NodeJS.Timeout | null = null;
  let delayMs = RETRY_MS;
  let stopped = false;
  const fw: CityForwarding = {
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
        // Its report.forwarded is committed: it is sent again (retryLater), and at the next start (deliverPending).
        log.error({ err, ticket: report.ticket, to: cityId }, 'a forwarded report could not be filed yet; it is sent again');
        fw.retryLater();
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
    retryLater: () => {
      if (retry || stopped) return;
      retry = setTimeout(() => {
        void deliverPending(self, fw, log).then(({ failed }) => {
          retry = null;
          delayMs = failed ? Math.min(delayMs * 2, RETRY_MAX_MS) : RETRY_MS;
          if (failed) fw.retryLater();
        });
      }, delayMs);
      retry.unref();
    },
    stop: () => {
      stopped = true;
      if (retry) clearTimeout(retry);
    },
  };
  return fw;
}

/**
 * Every report the city forwarded whose filing in the receiving city is not there (a failure, or a stop between the
 * two commits) is delivered now: at start-up and on each retry. Each report on its own, so one that fails does not
 * keep the rest back; the store is read by pages of the forwarded reports.
 */
export async function deliverPending(hub: Hub, fw: Forwarding, log: Pick<Logger, 'error'>): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  let before: number | undefined;
  for (;;) {
    let page: ReportState[];
    try {
      page = await hub.ctx.store.query((p) => p.reads.queuePage({ statuses: ['forwarded'] }, { before, limit: 200 }));
    } catch (err) {
      log.error({ err }, 'the forwarded reports could not be read to send what is pending');
      return { sent, failed: failed + 1 };
    }
    for (const r of page) {
      try {
        const events = await hub.ctx.store.query((p) => p.reports.eventsOf(r.id));
        const last = events.findLast((e) => e.type === 'report.forwarded');
        const to = typeof last?.payload.toCity === 'string' ? last.payload.toCity : null;
        if (!to || (await fw.holds(to, r.ticket))) continue;
        const done = await fw.deliver(to, r, String(last!.payload.reason ?? ''));
        if (done.ok) sent++;
        // A refusal (the other city has no such service any more) is logged by deliver: trying again will not help.
        else if (done.code === 'busy') failed++;
      } catch (err) {
        log.error({ err, ticket: r.ticket }, 'a pending forwarded report could not be sent yet');
        failed++;
      }
    }
    if (page.length < 200) return { sent, failed };
    before = page[page.length - 1].id;
  }
}
