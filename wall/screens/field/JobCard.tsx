import { For, Show } from 'solid-js';
import { mapsLinks } from '../../lib/geo-position';
import { clockLocal, stampLocal } from '../../lib/time';
import { ft } from './i18n';
import type { JobView } from './jobs';

export type Labels = { category: (id: string) => string; district: (code: string | null) => string | null };

const distanceText = (m: number) => (m >= 1000 ? ft.km(m / 1000) : ft.m(m));

/** One job: what, where, what the operator asked, and the one or two buttons that move it on. */
export function JobCard(props: {
  view: JobView;
  labels: Labels;
  sending: string | null;
  onAccept: () => void;
  onStart: () => void;
  onProof: () => void;
}) {
  const v = () => props.view;
  const job = () => props.view.job;
  const links = () => mapsLinks(job().lat, job().lng);
  const photo = () => job().photos[0] ?? null;
  const hasPending = (kind: string) => v().pending.some((i) => i.kind === kind);
  const returned = () => job().returnReason && job().status === 'in_progress' && !hasPending('proof');

  return (
    <article class={`job job-${v().proofWaiting ? 'waiting' : v().status}`} data-testid="job-card" data-report-id={job().id} data-status={v().status}>
      <div class="job-head">
        <span class={`job-badge badge-${v().proofWaiting ? 'waiting' : v().status}`}>{v().proofWaiting ? ft.proofNotSent : ft.status[v().status] ?? v().status}</span>
        <span class="job-ticket">{job().ticket}</span>
      </div>

      <For each={v().pending}>
        {(item) => (
          <div class={`job-pending ${props.sending === item.clientId ? 'is-sending' : ''}`} data-testid="job-pending" data-kind={item.kind} role="status">
            <strong>{props.sending === item.clientId ? ft.sendingNow[item.kind] : ft.pending[item.kind]}</strong>
            <span>
              {ft.savedOnPhone} {stampLocal(item.createdAt)}
              <Show when={item.attempts > 0}>
                {' '}· {ft.attempts(item.attempts)} · {ft.retryAt} {clockLocal(item.nextAt)}
              </Show>
            </span>
          </div>
        )}
      </For>
      <Show when={!v().pending.length && v().lastSent}>
        {(s) => (
          <div class="job-sent" data-testid="job-sent">
            ✓ {ft.sentAt[s().kind]} {stampLocal(s().sentAt)}
          </div>
        )}
      </Show>
      <For each={v().failed}>
        {(item) => (
          <div class="job-failed" data-testid="job-failed">
            ✕ {ft.failedWhat[item.kind]}: {item.error ? ft.errors[item.error.status] ?? item.error.message : ''}
          </div>
        )}
      </For>

      <Show when={photo()} fallback={<div class="job-nophoto">{ft.noPhoto}</div>}>
        {(hash) => (
          <a class="job-photo" href={`/media/${hash()}/display.webp`} target="_blank" rel="noopener" aria-label={ft.viewPhoto}>
            <img src={`/media/${hash()}/thumb.webp`} alt="" loading="lazy" decoding="async" />
          </a>
        )}
      </Show>

      <h2 class="job-cat">{props.labels.category(job().categoryId)}</h2>
      <Show when={v().distance !== null}>
        <div class="job-dist">{ft.away(distanceText(v().distance!))}</div>
      </Show>
      <p class="job-desc">{job().description}</p>

      <Show when={returned()}>
        <div class="job-returned" role="alert">
          <strong>{ft.returned}</strong>
          <p>{job().returnReason}</p>
          <p class="job-hint">{ft.returnedHint}</p>
        </div>
      </Show>

      <Show when={job().instruction}>
        <div class="job-instr">
          <strong>{ft.instruction}</strong>
          <p>{job().instruction}</p>
        </div>
      </Show>

      <Show when={v().status === 'proof_submitted' && !hasPending('proof') && job().proof}>
        {(proof) => (
          <div class="job-proof">
            <strong>{ft.proofPhotos}</strong>
            <div class="job-proof-thumbs">
              <For each={proof().photos}>{(h) => <img src={`/media/${h}/thumb.webp`} alt="" loading="lazy" />}</For>
            </div>
            <p>{ft.proofWaiting}</p>
          </div>
        )}
      </Show>

      <div class="job-actions">
        <Show when={v().status === 'dispatched'}>
          <button class="btn btn-primary btn-block" type="button" data-testid="job-accept" onClick={() => props.onAccept()}>
            {ft.accept}
          </button>
        </Show>
        <Show when={v().status === 'in_progress' && !v().started}>
          <button class="btn btn-dark btn-block" type="button" data-testid="job-start" onClick={() => props.onStart()}>
            {ft.start}
          </button>
        </Show>
        <Show when={v().status === 'in_progress' && v().started && v().lastSent?.kind !== 'start'}>
          <div class="job-started">✓ {ft.started}</div>
        </Show>
        <Show when={v().status === 'in_progress'}>
          <button class="btn btn-go btn-block" type="button" data-testid="job-proof" onClick={() => props.onProof()}>
            {returned() ? ft.proofAgain : ft.proof}
          </button>
        </Show>
      </div>

      <dl class="job-facts">
        <Show when={job().address}>
          <div>
            <dt>{ft.address}</dt>
            <dd>{job().address}</dd>
          </div>
        </Show>
        <Show when={props.labels.district(job().districtCode)}>
          <div>
            <dt>{ft.district}</dt>
            <dd>{props.labels.district(job().districtCode)}</dd>
          </div>
        </Show>
        <Show when={job().dispatchedAt}>
          <div>
            <dt>{ft.dispatchedAt}</dt>
            <dd>{stampLocal(job().dispatchedAt!)}</dd>
          </div>
        </Show>
      </dl>

      <div class="job-maps">
        <a class="btn btn-outline" href={links().google} target="_blank" rel="noopener" data-testid="job-maps">
          {ft.openMaps}
        </a>
        <a class="btn btn-link" href={links().geo} data-testid="job-geo">
          {ft.openGeo}
        </a>
      </div>
    </article>
  );
}
