import { createSignal, onCleanup, type JSX } from 'solid-js';
import { ct } from '../../lib/i18n/staff';

/**
 * The header's secondary links (performance, admin, wall displays, language, log out). On a wide screen they sit
 * in the header; on a laptop (1366 px) the header cannot hold them and never scrolls sideways, so they fold into
 * a "Menu" button (console.css, below 1700 px). Esc or a click elsewhere closes it.
 */
export function HeaderMenu(props: { children: JSX.Element }) {
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  const onDoc = (e: Event) => {
    if (open() && !root.contains(e.target as Node)) setOpen(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open()) {
      setOpen(false);
      root.querySelector<HTMLButtonElement>('.cn-menu-toggle')?.focus();
    }
  };
  document.addEventListener('pointerdown', onDoc);
  document.addEventListener('keydown', onKey);
  onCleanup(() => {
    document.removeEventListener('pointerdown', onDoc);
    document.removeEventListener('keydown', onKey);
  });
  return (
    <div class="cn-menu" classList={{ open: open() }} ref={root}>
      <button
        type="button"
        class="cn-btn cn-btn-ghost cn-btn-sm cn-menu-toggle"
        data-testid="header-menu"
        aria-expanded={open()}
        aria-controls="cn-menu-panel"
        onClick={() => setOpen((v) => !v)}
      >
        {ct.menu} ▾
      </button>
      <div class="cn-menu-panel" id="cn-menu-panel" data-testid="header-menu-panel">
        {props.children}
      </div>
    </div>
  );
}
