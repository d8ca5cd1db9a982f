import { createSignal, Show } from 'solid-js';
import { PairInput } from '../../../server/contract/layouts';
import { api } from '../../lib/api';
import { passes } from '../../lib/check';
import { ct } from '../../lib/i18n/staff';

/** Pairs a new wall display: its token and address, shown once. */
export function PairDisplay() {
  const [name, setName] = createSignal('');
  const [result, setResult] = createSignal<{ token: string; url: string } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [copied, setCopied] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    setError(null);
    setBusy(true);
    const r = await api<{ id: string; token: string; url: string }>('/api/admin/displays', { json: { name: name().trim() } });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setResult({ token: r.data.token, url: new URL(r.data.url, location.origin).href });
    setCopied(false);
    setName('');
  }
  async function copy() {
    const r = result();
    if (!r) return;
    try {
      await navigator.clipboard.writeText(r.url);
      setCopied(true);
    } catch {
      /* no clipboard permission: the address is selectable */
    }
  }

  return (
    <section class="cn-card" data-testid="pair-display">
      <h2>{ct.pairTitle}</h2>
      <p class="cn-muted cn-small">{ct.pairHelp}</p>
      <form class="cn-inline-form" onSubmit={submit}>
        <label class="cn-field cn-grow">
          <span>{ct.displayName}</span>
          <input data-testid="pair-name" placeholder={ct.displayPlaceholder} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="cn-btn cn-btn-primary" data-testid="pair-submit" disabled={busy() || !passes(PairInput.shape.name, name())}>
          {ct.pair}
        </button>
      </form>
      <Show when={error()}>
        <p class="cn-error" role="alert" data-testid="pair-error">
          {error()}
        </p>
      </Show>
      <Show when={result()}>
        {(r) => (
          <div class="cn-pair-result" data-testid="pair-result">
            <p class="cn-warn-text">
              <strong>{ct.pairOnce}</strong>
            </p>
            <dl class="cn-meta">
              <dt>{ct.pairToken}</dt>
              <dd class="cn-mono cn-select-all" data-testid="pair-token">
                {r().token}
              </dd>
              <dt>{ct.pairUrl}</dt>
              <dd class="cn-mono cn-select-all cn-break" data-testid="pair-url">
                {r().url}
              </dd>
            </dl>
            <button type="button" class="cn-btn cn-btn-sm" data-testid="pair-copy" onClick={copy}>
              {copied() ? ct.copied : ct.copy}
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}
