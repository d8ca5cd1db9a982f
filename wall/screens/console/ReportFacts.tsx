import { Show } from 'solid-js';
import type { ProfileLabels } from '../../lib/profile';
import { t } from '../../lib/i18n';
import type { ReportDetail, StaffReport } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { ageOf, useNow, whenLocal } from '../../lib/format';
import { dispatchInfo, lastOf, proofReturned, supervisorName } from './report-history';

/** Where, when, through which channel and from whom; who has it now and why it came back. */
export function ReportFacts(props: {
  report: StaffReport;
  detail: ReportDetail;
  labels: ProfileLabels;
  subdistrict: (code: string | null) => string | null;
  onZoom: () => void;
  onOpenReport: (id: number) => void;
}) {
  const now = useNow();
  const r = () => props.report;
  const history = () => props.detail.history;
  return (
    <section class="cn-section">
      <dl class="cn-meta">
        <dt>{ct.address}</dt>
        <dd>{r().address ?? '—'}</dd>
        <dt>{ct.district}</dt>
        <dd>
          {props.labels.district(r().districtCode) ?? ct.noDistrict}
          <Show when={props.subdistrict(r().subdistrictCode)}>{(s) => <span class="cn-muted"> · {ct.subdistrict} {s()}</span>}</Show>
        </dd>
        <dt>{ct.location}</dt>
        <dd>
          <span class="cn-mono">
            {r().lat.toFixed(5)}, {r().lng.toFixed(5)}
          </span>{' '}
          <span class="cn-muted">({r().precision === 'point' ? ct.precisionPoint : ct.precisionDistrict})</span>{' '}
          <button type="button" class="cn-link" data-testid="show-on-map" onClick={() => props.onZoom()}>
            {ct.showOnMap}
          </button>
        </dd>
        <dt>{ct.channel}</dt>
        <dd>{t.channel[r().channel]}</dd>
        <dt>{ct.received}</dt>
        <dd>
          {whenLocal(r().createdAt)} <span class="cn-muted">({ageOf(r().createdAt, now())})</span>
        </dd>
        <dt>{ct.reporter}</dt>
        <dd data-testid="panel-reporter">
          <Show when={r().reporter} fallback={<span class="cn-muted">{ct.reporterHidden}</span>}>
            {(rep) => (
              <>
                {rep().name ?? ct.anonymous}
                {' · '}
                <Show when={rep().contact} fallback={<span class="cn-muted">{ct.noContact}</span>}>
                  <span class="cn-mono">{rep().contact}</span>
                </Show>
              </>
            )}
          </Show>
        </dd>
        <Show when={r().assigneeId}>
          <dt>{ct.assignee}</dt>
          <dd data-testid="panel-assignee">{supervisorName(props.detail, r().assigneeId) ?? r().assigneeId}</dd>
        </Show>
        <Show when={r().assigneeId && dispatchInfo(history())?.instruction}>
          <dt>{ct.instruction}</dt>
          <dd>“{dispatchInfo(history())!.instruction}”</dd>
        </Show>
        <Show when={proofReturned(history()) && lastOf(history(), 'report.proof_returned')?.reason}>
          <dt>{ct.returnReason}</dt>
          <dd>“{lastOf(history(), 'report.proof_returned')!.reason}”</dd>
        </Show>
        <Show when={r().mergedIntoId}>
          <dt>{ct.mergedInto}</dt>
          <dd>
            <button type="button" class="cn-link" onClick={() => props.onOpenReport(r().mergedIntoId!)}>
              {props.detail.mergedInto ?? `#${r().mergedIntoId}`}
            </button>
          </dd>
        </Show>
      </dl>
    </section>
  );
}
