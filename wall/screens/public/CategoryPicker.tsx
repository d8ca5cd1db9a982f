import { For, type JSX } from 'solid-js';
import { lang } from '../../lib/i18n';

/** Simple line drawings, one per kind of problem, readable at thumb size outdoors. Unknown ids get a warning sign. */
const ICONS: Record<string, JSX.Element> = {
  'jalan-rusak': <path d="M4 21 8 3M20 21 16 3M12 4v3M12 10l-2 3 3 2-2 4" />,
  banjir: <path d="M2 15c2.5-2 4.5-2 7 0s4.5 2 7 0 4.5-2 6 0M2 20c2.5-2 4.5-2 7 0s4.5 2 7 0 4.5-2 6 0M12 3l4 6a4 4 0 1 1-8 0z" />,
  saluran: <path d="M3 5h18v5H3zM6 10v9M18 10v9M6 19h12M9 14h6" />,
  macet: <path d="M5 16V11l2-5h10l2 5v5zM5 16v3M19 16v3M8 13h.01M16 13h.01M7 11h10" />,
  sampah: <path d="M4 7h16M10 3h4M6 7l1 14h10l1-14M10 11v6M14 11v6" />,
  'pohon-tumbang': <path d="M3 20h18M6 20l9-9M12 6a4 4 0 1 1 6 5l-3 0M9 14l-3-3" />,
  pju: <path d="M9 21h6M12 21V7M12 7c0-2 1-4 5-4M17 3l3 3-2 2M15 8h5" />,
  ketertiban: <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4" />,
  kesehatan: <path d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z" />,
};
const FALLBACK = <path d="M12 3 2 21h20zM12 10v5M12 18h.01" />;

export function CategoryIcon(props: { id: string }) {
  return (
    <svg viewBox="0 0 24 24" width="40" height="40" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      {ICONS[props.id] ?? FALLBACK}
    </svg>
  );
}

/** The category as big buttons with an icon and plain words: one tap, no dropdown on a small screen. */
export function CategoryPicker(props: {
  categories: { id: string; label: { id: string; en: string } }[];
  value: string;
  invalid: boolean;
  label: string;
  onPick: (id: string) => void;
}) {
  return (
    <div class="pp-cats" role="radiogroup" aria-label={props.label} aria-invalid={props.invalid} data-testid="lapor-category" classList={{ invalid: props.invalid }}>
      <For each={props.categories}>
        {(c) => (
          <button
            type="button"
            role="radio"
            aria-checked={props.value === c.id}
            class="pp-cat-btn"
            classList={{ picked: props.value === c.id }}
            data-testid={`lapor-category-${c.id}`}
            onClick={() => props.onPick(c.id)}
          >
            <CategoryIcon id={c.id} />
            <span>{c.label[lang]}</span>
          </button>
        )}
      </For>
    </div>
  );
}
