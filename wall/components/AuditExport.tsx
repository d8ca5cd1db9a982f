import { createSignal, onCleanup, Show } from 'solid-js';
import { ct } from '../lib/i18n/staff';
import { cityDayAgo } from '../lib/format';

/** A link to GET /api/console/audit.csv for a range of WIB days (supervisor and admin). */
export function AuditExport(props: { inline?: boolean }) {
  const [open, setOpen] = createSignal(!!props.inline);
  const [from, setFrom] = createSignal(cityDayAgo(7));
  const [to, setTo] = createSignal(cityDayAgo(0));
  let root!: HTMLDivElement;

  const href = () => `/api/console/audit.csv?from=${from()}&to=${to()}`;
  const valid = () => /^\d{4}-\d\d-\d\d$/.test(from()) && /^\d{4}-\d\d-\d\d$/.test(to()) && from() <= to();

  const onDoc = (e: MouseEvent) => {
    if (!props.inline && open() && !root.contains(e.target as Node)) setOpen(false);
  };
  document.addEventListener('mousedown', onDoc);
  onCleanup(() => document.removeEventListener('mousedown', onDoc));

  const form = () => (
    <div class="cn-audit-form" classList={{ 'cn-popover': !props.inline }}>
      <Show when={!props.inline}>
        <strong>{ct.auditTitle}</strong>
      </Show>
      <label class="cn-field cn-field-inline">
        <span>{ct.auditFrom}</span>
        <input type="date" data-testid="audit-from" value={from()} max={to()} onInput={(e) => setFrom(e.currentTarget.value)} />
      </label>
      <label class="cn-field cn-field-inline">
        <span>{ct.auditTo}</span>
        <input type="date" data-testid="audit-to" value={to()} min={from()} max={cityDayAgo(0)} onInput={(e) => setTo(e.currentTarget.value)} />
      </label>
      <a
        class="cn-btn cn-btn-primary"
        classList={{ disabled: !valid() }}
        data-testid="audit-download"
        href={valid() ? href() : undefined}
        download={`pantau-audit-${from()}-${to()}.csv`}
        aria-disabled={!valid()}
      >
        {ct.download}
      </a>
    </div>
  );

  return (
    <div class="cn-audit" ref={root}>
      <Show when={!props.inline} fallback={form()}>
        <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" data-testid="audit-open" aria-expanded={open()} onClick={() => setOpen((v) => !v)}>
          {ct.audit} ▾
        </button>
        <Show when={open()}>{form()}</Show>
      </Show>
    </div>
  );
}
