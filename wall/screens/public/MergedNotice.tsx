import { Show } from 'solid-js';
import type { TrackView } from '../../../server/contract/field';
import { PHASE } from '../../lib/report-phase';
import { lang, t } from '../../lib/i18n';
import { pt, withLang } from './i18n';

const words =
  lang === 'en'
    ? {
        mergedInto: (ticket: string) => `Merged into report ${ticket}`,
        why: 'Other citizens reported the same problem. It is handled once, under this report: follow it there.',
        follow: 'Follow report',
        title: 'Merged: handled under another report',
        reporters: (n: number) => `${n} citizens reported this problem`,
      }
    : {
        mergedInto: (ticket: string) => `Digabung ke laporan ${ticket}`,
        why: 'Warga lain melaporkan masalah yang sama. Masalah ini ditangani sekali, lewat laporan tersebut: ikuti di sana.',
        follow: 'Ikuti laporan',
        title: 'Digabung: ditangani lewat laporan lain',
        reporters: (n: number) => `${n} warga melaporkan masalah ini`,
      };

/** The status box's title for a merged report: not "not taken further", since the problem is being handled. */
export const mergedTitle = (v: TrackView): string | null => (v.mergedInto ? words.title : null);

/**
 * On a merged report's tracking page: the report it was merged into, that report's status, and a link to follow it.
 * On a primary: how many citizens reported the problem.
 */
export function MergedNotice(props: { view: TrackView }) {
  return (
    <>
      <Show when={props.view.mergedInto}>
        {(m) => {
          const phase = () => PHASE[m().status] ?? 'grey';
          return (
            <section class={`pp-status pp-merged phase-${phase()}`} data-testid="track-merged" data-primary={m().ticket} data-status={m().status}>
              <div class="pp-status-ticket">{words.mergedInto(m().ticket)}</div>
              <div class="pp-status-title">{pt.phaseTitle[phase()]}</div>
              <div class="pp-status-sub">
                {pt.statusLabel}: {t.status[m().status] ?? m().status} · {words.reporters(m().citizenCount)}
              </div>
              <p class="pp-merged-why">{words.why}</p>
              <a class="btn btn-dark" data-testid="track-merged-link" href={withLang(`/lacak/${m().ticket}`)}>
                {words.follow} {m().ticket} →
              </a>
            </section>
          );
        }}
      </Show>
      <Show when={!props.view.mergedInto && (props.view.citizenCount ?? 1) > 1}>
        <p class="pp-reporters" data-testid="track-reporters">
          {words.reporters(props.view.citizenCount!)}
        </p>
      </Show>
    </>
  );
}
