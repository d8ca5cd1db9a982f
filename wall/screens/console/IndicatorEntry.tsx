import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { CsvRowError, IndicatorBoard, IndicatorHistoryEntry, IndicatorSpec } from '../../../server/contract/indicators';
import { periodOf } from '../../../server/domain/indicators';
import { lang } from '../../lib/i18n';
import { clockOfCity, stampLocal } from '../../lib/time';
import { formatValue } from '../indicators/format';
import { ind } from '../indicators/i18n';
import { api } from '../../lib/api';
import { type Me } from '../../lib/staff';
import './indicator-entry.css';

/**
 * The console's indicator desk: an operator records their agency's figure for a period (a supervisor any
 * agency's), sees its history with corrections, and imports a finance office's CSV, with every bad row listed.
 */
export function IndicatorEntry(props: { me: Me }) {
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" data-testid="indicators-open" onClick={() => setOpen(true)}>
        {ind.entryOpen}
      </button>
      <Show when={open()}>
        <Desk me={props.me} onClose={() => setOpen(false)} />
      </Show>
    </>
  );
}

function Desk(props: { me: Me; onClose: () => void }) {
  const [board, { refetch: refetchBoard }] = createResource(async () => {
    const r = await api<IndicatorBoard>('/api/indicators');
    return r.ok ? r.data : null;
  });
  // Only what this person may record: their agency's indicators (all of them for a supervisor).
  const mine = createMemo(() => (board()?.indicators ?? []).filter((i) => props.me.role === 'supervisor' || (i.agencyId !== null && i.agencyId === props.me.agencyId)));
  const [indicatorId, setIndicatorId] = createSignal<string>('');
  const spec = createMemo<IndicatorSpec | undefined>(() => mine().find((i) => i.id === (indicatorId() || mine()[0]?.id)));
  const [period, setPeriod] = createSignal('');
  const [value, setValue] = createSignal('');
  const [note, setNote] = createSignal('');
  const [message, setMessage] = createSignal<{ ok: boolean; text: string; field?: string } | null>(null);
  const [busy, setBusy] = createSignal(false);

  const [history, { refetch: refetchHistory }] = createResource(
    () => spec()?.id,
    async (id) => {
      const r = await api<{ history: IndicatorHistoryEntry[] }>(`/api/indicators/${encodeURIComponent(id)}/history`);
      return r.ok ? r.data.history : [];
    },
  );

  const periodOrDefault = () => period() || (spec() ? periodOf(new Date(), spec()!.period, clockOfCity()) : '');

  async function save(e: Event) {
    e.preventDefault();
    const s = spec();
    if (!s || busy()) return;
    // Bahasa decimal comma or point: 62,5 and 62.5 are the same figure; thousands dots are dropped for rupiah.
    const raw = value().trim().replace(/^rp\s*/i, '').replace(/%$/, '');
    const n = Number(s.unit === 'rupiah' ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(',', '.'));
    if (!raw || !Number.isFinite(n)) return setMessage({ ok: false, text: `${ind.value}: ${ind.csvErrors.bad_number}`, field: 'value' });
    setBusy(true);
    const r = await api<{ recorded: unknown[]; unchanged: number }>('/api/indicators/values', {
      json: { indicatorId: s.id, period: periodOrDefault(), value: n, ...(note().trim() ? { note: note().trim() } : {}) },
    });
    setBusy(false);
    if (!r.ok) {
      const label = r.field === 'period' ? ind.period : r.field === 'value' ? ind.value : r.field === 'indicatorId' ? ind.indicator : null;
      return setMessage({ ok: false, text: r.field === 'note' ? ind.noteNeeded : label ? `${label}: ${r.message}` : r.message, field: r.field ?? undefined });
    }
    setMessage({ ok: true, text: r.data.recorded.length ? ind.saved : ind.unchanged });
    setValue('');
    setNote('');
    void refetchHistory();
    void refetchBoard();
  }

  const [importing, setImporting] = createSignal(false);
  const [importResult, setImportResult] = createSignal<{ ok: boolean; text: string; errors: CsvRowError[] } | null>(null);
  let fileInput!: HTMLInputElement;
  async function importCsv(e: Event) {
    e.preventDefault();
    const file = fileInput.files?.[0];
    if (!file || importing()) return;
    setImporting(true);
    const fd = new FormData();
    fd.set('file', file, file.name);
    try {
      const r = await api<{ recorded?: unknown[]; unchanged?: number }>('/api/indicators/import', { body: fd });
      if (r.ok) {
        setImportResult({ ok: true, text: ind.imported(r.data.recorded?.length ?? 0, r.data.unchanged ?? 0), errors: [] });
        fileInput.value = '';
        void refetchHistory();
        void refetchBoard();
      } else {
        const errors = ((r.body ?? {}) as { errors?: CsvRowError[] }).errors;
        setImportResult({ ok: false, text: errors ? ind.importFailed(errors.length) : r.message, errors: errors ?? [] });
      }
    } finally {
      setImporting(false);
    }
  }

  const latestOf = (id: string) => board()?.indicators.find((i) => i.id === id)?.latest ?? null;

  return (
    <div class="cn-modal-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="cn-dialog ie-dialog" role="dialog" aria-modal="true" aria-labelledby="ie-title" data-testid="indicator-desk">
        <header class="cn-dialog-head ie-head">
          <h2 id="ie-title">{ind.entryTitle}</h2>
          <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" onClick={props.onClose}>
            {ind.close}
          </button>
        </header>
        <div class="cn-dialog-body ie-body">
          <form class="ie-form" onSubmit={save} data-testid="indicator-form">
            <label class="cn-field">
              <span>{ind.indicator}</span>
              <select data-testid="indicator-select" value={spec()?.id ?? ''} onChange={(e) => (setIndicatorId(e.currentTarget.value), setPeriod(''), setMessage(null))}>
                <For each={mine()}>{(i) => <option value={i.id}>{`${i.agencyId ?? ind.city} · ${i.name[lang]}`}</option>}</For>
              </select>
            </label>
            <div class="ie-row">
              <label class="cn-field">
                <span>
                  {ind.period} ({spec()?.period === 'quarter' ? '2026-Q4' : '2026-11'})
                </span>
                <input data-testid="indicator-period" value={periodOrDefault()} onInput={(e) => setPeriod(e.currentTarget.value.trim())} classList={{ 'ie-bad': message()?.field === 'period' }} />
              </label>
              <label class="cn-field">
                <span>
                  {ind.value} ({spec()?.unit === 'percent' ? '%' : spec()?.unit === 'rupiah' ? 'Rp' : ind.packages})
                </span>
                <input data-testid="indicator-value" inputmode="decimal" value={value()} onInput={(e) => setValue(e.currentTarget.value)} classList={{ 'ie-bad': message()?.field === 'value' }} />
              </label>
            </div>
            <label class="cn-field">
              <span>{ind.note}</span>
              <input data-testid="indicator-note" value={note()} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} classList={{ 'ie-bad': message()?.field === 'note' }} />
            </label>
            <div class="ie-actions">
              <Show when={spec() && latestOf(spec()!.id)}>
                <span class="cn-muted">
                  {ind.periodMonth(latestOf(spec()!.id)!.period)}: <strong>{formatValue(spec()!.unit, latestOf(spec()!.id)!.value)}</strong> · {ind.planNow}{' '}
                  {formatValue(spec()!.unit, latestOf(spec()!.id)!.expected)} · {ind.status[latestOf(spec()!.id)!.status]}
                </span>
              </Show>
              <button type="submit" class="cn-btn cn-btn-primary" disabled={busy() || !spec()} data-testid="indicator-save">
                {ind.save}
              </button>
            </div>
            <Show when={message()}>
              <p class={message()!.ok ? 'ie-ok' : 'ie-err'} data-testid="indicator-message">
                {message()!.text}
              </p>
            </Show>
          </form>

          <h3 class="ie-h">{ind.history}</h3>
          <table class="ie-table" data-testid="indicator-history">
            <tbody>
              <For each={history() ?? []}>
                {(h) => (
                  <tr classList={{ 'ie-corr': h.type === 'indicator.corrected' }}>
                    <td>{ind.periodMonth(h.period)}</td>
                    <td class="ie-num">{spec() ? formatValue(spec()!.unit, h.value) : h.value}</td>
                    <td>
                      {h.type === 'indicator.corrected' ? `${ind.correctedWord} (${ind.was} ${spec() ? formatValue(spec()!.unit, h.previous) : h.previous})` : ind.recorded}
                      <Show when={h.note}>
                        <div class="cn-muted">“{h.note}”</div>
                      </Show>
                    </td>
                    <td class="cn-muted">
                      {h.actorName ?? h.actorRole} · {ind.source[h.source] ?? h.source}
                      <div>{stampLocal(h.at)}</div>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>

          <h3 class="ie-h">{ind.importTitle}</h3>
          <p class="cn-muted ie-hint">{ind.importHint}</p>
          <form class="ie-import" onSubmit={importCsv}>
            <input type="file" accept=".csv,text/csv" ref={fileInput} data-testid="indicator-file" />
            <button type="submit" class="cn-btn" disabled={importing()} data-testid="indicator-import">
              {ind.importButton}
            </button>
          </form>
          <Show when={importResult()}>
            <p class={importResult()!.ok ? 'ie-ok' : 'ie-err'} data-testid="import-message">
              {importResult()!.text}
            </p>
            <Show when={importResult()!.errors.length}>
              <table class="ie-table ie-errors" data-testid="import-errors">
                <thead>
                  <tr>
                    <th>{ind.row}</th>
                    <th>{ind.column}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  <For each={importResult()!.errors}>
                    {(e) => (
                      <tr>
                        <td class="ie-num">{e.row}</td>
                        <td>{e.column}</td>
                        <td>
                          <strong>{ind.csvErrors[e.code] ?? e.code}</strong>
                          <div class="cn-muted">{e.message}</div>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </Show>
        </div>
      </div>
    </div>
  );
}
