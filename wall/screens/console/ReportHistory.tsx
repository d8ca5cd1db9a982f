import { For, Show } from 'solid-js';
import type { ReportStatus } from '../../../server/contract/reports';
import { t } from '../../lib/i18n';
import type { HistoryEntry, ProofDetail, ReportDetail } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { whenLocal } from '../../lib/format';
import { supervisorName } from './report-history';

const statusLabel = (s: string | undefined) => (s ? t.status[s as ReportStatus] ?? s : '');

/** The report's history, newest first, in the room's words. */
export function ReportHistory(props: { detail: ReportDetail; agencies: Map<string, { short: string }> }) {
  const history = () => [...props.detail.history].reverse();
  const ticketOf = (id: number) => (id === props.detail.report.mergedIntoId ? props.detail.mergedInto ?? null : null);
  return (
    <section class="cn-section">
      <h3>{ct.history}</h3>
      <ol class="cn-history" data-testid="history">
        <For each={history()} fallback={<li class="cn-muted">{ct.historyEmpty}</li>}>
          {(h) => (
            <HistoryItem h={h} agencies={props.agencies} supervisorName={(id) => supervisorName(props.detail, id)} statusLabel={statusLabel} ticketOf={ticketOf} />
          )}
        </For>
      </ol>
    </section>
  );
}

export function actorLabel(a: HistoryEntry['actor'], agencies: Map<string, { short: string }>): string {
  if (a.role === 'system') return ct.system;
  if (a.role === 'citizen') return ct.citizen;
  const role = ct.roles[a.role] ?? a.role;
  const agency = a.agencyId ? agencies.get(a.agencyId)?.short : null;
  return `${a.name ?? a.id} (${role}${agency ? ` ${agency}` : ''})`;
}

function HistoryItem(props: {
  h: HistoryEntry;
  agencies: Map<string, { short: string }>;
  supervisorName: (id: string | undefined) => string | null;
  statusLabel: (s: string | undefined) => string;
  ticketOf: (id: number) => string | null;
}) {
  const h = props.h;
  const who = () => actorLabel(h.actor, props.agencies);
  const d = h.detail;
  const changed = h.from && h.to && h.from !== h.to;
  return (
    <li class="cn-history-item" data-type={h.type}>
      <div class="cn-history-head">
        <span class="cn-history-what">{ct.events[h.type] ?? h.type}</span>
        <time class="cn-muted">{whenLocal(h.at)}</time>
      </div>
      <div class="cn-history-who">{who()}</div>
      <Show when={changed}>
        <div class="cn-small cn-muted">
          {props.statusLabel(h.from)} → {props.statusLabel(h.to)}
        </div>
      </Show>
      <Show when={h.type === 'report.dispatched' && d.assigneeId}>
        <div class="cn-small">
          → {props.supervisorName(d.assigneeId as string) ?? String(d.assigneeId)}
          <Show when={d.instruction}>: “{String(d.instruction)}”</Show>
        </div>
      </Show>
      <Show when={h.type === 'report.rerouted' && d.agencyId}>
        <div class="cn-small">→ {props.agencies.get(String(d.agencyId))?.short ?? String(d.agencyId)}</div>
      </Show>
      <Show when={h.type === 'report.forwarded' && d.toCity}>
        <div class="cn-small">→ {String(d.toCityName ?? d.toCity)}</div>
      </Show>
      <Show when={h.type === 'report.submitted' && (d.forwardedFrom as { name: string; reason: string } | undefined)}>
        {(f) => (
          <div class="cn-small" data-testid="history-forwarded-from">
            {ct.forwardedFrom(f().name)}: “{f().reason}”
          </div>
        )}
      </Show>
      <Show when={h.type === 'report.merged' && d.intoReportId}>
        <div class="cn-small">→ {props.ticketOf(Number(d.intoReportId)) ?? `#${String(d.intoReportId)}`}</div>
      </Show>
      <Show when={h.type === 'report.proof_submitted' && (d.proof as ProofDetail | undefined)}>
        {(p) => (
          <div class="cn-small">
            <Show when={p().note}>“{p().note}” </Show>
            <Show when={p().flags.length}>
              <span class="cn-warn-text">⚠ {p().flags.map((f) => ct.flags[f] ?? f).join(' · ')}</span>
            </Show>
          </div>
        )}
      </Show>
      <Show when={h.reason}>
        <div class="cn-history-reason">
          <span class="cn-muted">{h.type === 'report.noted' ? '' : `${ct.reasonLabel}: `}</span>“{h.reason}”
        </div>
      </Show>
    </li>
  );
}
