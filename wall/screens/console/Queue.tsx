import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import { Channel, PHASE_OF } from '../../../server/contract/reports';
import type { ProfileLabels } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { clockLocal, zoneName } from '../../lib/time';
import type { Me } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { ageHours, ageOf, useNow } from '../../lib/format';
import { TABS, defaultFilters, QUEUE_PAGE, type Queue } from './queue';

const AGES = [1, 4, 24, 72, 168];
/** Every row is this tall (staff.css .cn-row), so the list knows where each row is without measuring any. */
export const ROW_PX = 60;
/** Rows drawn above and below the visible ones, so a quick scroll does not show blank space. */
const OVERSCAN = 8;

type Props = {
  me: Me;
  queue: Queue;
  profile: PublicProfile;
  labels: ProfileLabels;
  cursorId: number | null;
  openId: number | null;
  onOpen: (id: number) => void;
  searchRef: (el: HTMLInputElement) => void;
  /** The operator left the search field (Enter or Esc): the keyboard drives the list from its top. */
  onSearchDone: () => void;
};

/**
 * The live queue: tabs by state, filters, and one row per report, newest first. Only the rows in view (and a few
 * around them) are in the page, whatever the number loaded; the next page is asked for before the end is reached.
 */
export function Queue(props: Props) {
  const q = props.queue;
  const now = useNow();
  const agencyShort = new Map(props.profile.agencies.map((a) => [a.id, a.short]));
  let list!: HTMLDivElement;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const cityWide = props.me.role !== 'operator';

  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewHeight, setViewHeight] = createSignal(600);
  const span = createMemo(() => {
    const start = Math.max(0, Math.floor(scrollTop() / ROW_PX) - OVERSCAN);
    const end = Math.min(q.rows.length, Math.ceil((scrollTop() + viewHeight()) / ROW_PX) + OVERSCAN);
    return { start, end };
  });
  const visible = () => q.rows.slice(span().start, span().end);

  onMount(() => {
    const ro = new ResizeObserver(() => setViewHeight(list.clientHeight));
    ro.observe(list);
    onCleanup(() => ro.disconnect());
  });

  // Half a page before the end of the rows loaded, the next page is asked for.
  createEffect(() => {
    if (q.next() !== null && span().end >= q.rows.length - QUEUE_PAGE / 2) void q.loadMore();
  });

  // Other filters are another list: it starts at its top.
  createEffect(
    on(
      () => q.filters(),
      () => {
        if (list) (list.scrollTop = 0), setScrollTop(0);
      },
      { defer: true },
    ),
  );

  // A refresh that adds rows above keeps the rows in view where they are.
  q.onBeforeApply(() => {
    if (!list || list.scrollTop <= 0) return;
    const top = list.scrollTop;
    const index = Math.floor(top / ROW_PX);
    const id = q.rows[index]?.id;
    if (id === undefined) return;
    const offset = index * ROW_PX - top;
    return () => {
      const now = q.rows.findIndex((r) => r.id === id);
      if (now >= 0) (list.scrollTop = now * ROW_PX - offset), setScrollTop(list.scrollTop);
    };
  });

  // The keyboard cursor stays in view.
  createEffect(
    on(
      () => props.cursorId,
      (id) => {
        if (id === null || !list) return;
        const i = q.rows.findIndex((r) => r.id === id);
        if (i < 0) return;
        const top = i * ROW_PX;
        if (top < list.scrollTop) list.scrollTop = top;
        else if (top + ROW_PX > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_PX - list.clientHeight;
      },
    ),
  );

  const f = () => q.filters();
  const filtered = () => {
    const x = f();
    return !!(x.category || x.district || x.channel || x.olderThanHours || x.breached || x.q || (cityWide && x.agency));
  };

  return (
    <section class="cn-queue" aria-label="queue">
      <div class="cn-tabs" role="tablist">
        <For each={TABS}>
          {(tab) => (
            <button
              type="button"
              role="tab"
              class="cn-tab"
              classList={{ active: f().tab === tab.id }}
              aria-selected={f().tab === tab.id}
              data-testid={`queue-tab-${tab.id}`}
              onClick={() => q.setFilters({ tab: tab.id })}
            >
              {ct.tabs[tab.id]}
            </button>
          )}
        </For>
      </div>

      <div class="cn-filters" classList={{ city: cityWide }}>
        <div class="cn-search">
          <input
            ref={props.searchRef}
            type="search"
            placeholder={ct.search}
            aria-label={ct.search}
            data-testid="queue-search"
            value={f().q}
            onInput={(e) => {
              const v = e.currentTarget.value;
              clearTimeout(searchTimer);
              searchTimer = setTimeout(() => q.setFilters({ q: v }), 250);
            }}
            onKeyDown={(e) => {
              // Enter searches now and Esc keeps the search; both leave the field, so J/K, Enter and the action
              // keys drive the list again instead of typing into the box. (The × of the field or "reset" clears it.)
              if (e.key !== 'Escape' && e.key !== 'Enter') return;
              e.preventDefault();
              clearTimeout(searchTimer);
              const v = e.currentTarget.value;
              if (v !== f().q) q.setFilters({ q: v });
              e.currentTarget.blur();
              props.onSearchDone();
            }}
          />
          <kbd>/</kbd>
        </div>
        <Show when={cityWide}>
          <select aria-label={ct.agency} data-testid="filter-agency" value={f().agency} onChange={(e) => q.setFilters({ agency: e.currentTarget.value })}>
            <option value="">{ct.allAgencies}</option>
            <For each={props.profile.agencies}>{(a) => <option value={a.id}>{a.short}</option>}</For>
          </select>
        </Show>
        <select aria-label={ct.category} data-testid="filter-category" value={f().category} onChange={(e) => q.setFilters({ category: e.currentTarget.value })}>
          <option value="">{ct.allCategories}</option>
          <For each={props.profile.categories}>{(c) => <option value={c.id}>{props.labels.category(c.id)}</option>}</For>
        </select>
        <select aria-label={ct.district} data-testid="filter-district" value={f().district} onChange={(e) => q.setFilters({ district: e.currentTarget.value })}>
          <option value="">{ct.allDistricts}</option>
          <For each={props.profile.districts}>{(d) => <option value={d.code}>{d.name}</option>}</For>
        </select>
        <select aria-label={ct.channel} data-testid="filter-channel" value={f().channel} onChange={(e) => q.setFilters({ channel: e.currentTarget.value })}>
          <option value="">{ct.allChannels}</option>
          <For each={Channel.options}>{(c) => <option value={c}>{t.channel[c]}</option>}</For>
        </select>
        <select aria-label={ct.ageFilter} data-testid="filter-age" value={f().olderThanHours} onChange={(e) => q.setFilters({ olderThanHours: e.currentTarget.value })}>
          <option value="">{ct.anyAge}</option>
          <For each={AGES}>{(h) => <option value={String(h)}>{ct.olderThan(h)}</option>}</For>
        </select>
        <select aria-label={ct.deadlineFilter} data-testid="filter-breached" value={f().breached} onChange={(e) => q.setFilters({ breached: e.currentTarget.value })}>
          <option value="">{ct.anyDeadline}</option>
          <option value="true">{ct.breachedOnly}</option>
          <option value="false">{ct.withinDeadline}</option>
        </select>
        <Show when={filtered()}>
          <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" data-testid="filter-reset" onClick={() => q.setFilters({ ...defaultFilters(), tab: f().tab })}>
            {ct.resetFilters}
          </button>
        </Show>
      </div>

      <div class="cn-queue-meta">
        <span data-testid="queue-count">{q.total() ? ct.queueCount(q.total()!.count, q.total()!.atLeast) : ''}</span>
        <span class="cn-muted">
          <Show when={q.loading()}>
            <span class="cn-spinner" aria-hidden="true" />
          </Show>
          <Show when={q.updatedAt()}>{(at) => `${ct.liveUpdated} ${clockLocal(at())} ${zoneName()}`}</Show>
        </span>
      </div>

      <div
        class="cn-list"
        ref={list}
        // A listbox while it holds rows; empty (loading, nothing to do, an error) it is the status that says so:
        // a listbox without options is an error to a screen reader (axe aria-required-children).
        role={q.rows.length ? 'listbox' : 'status'}
        aria-label={ct.queueLabel}
        tabindex="0"
        data-testid="queue-list"
        data-rows={q.rows.length}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <Show when={q.error() && !q.rows.length}>
          <p class="cn-empty cn-error">{ct.queueError}</p>
        </Show>
        <Show when={!q.loaded() && !q.error()}>
          <p class="cn-empty">{ct.queueLoading}</p>
        </Show>
        <Show when={q.loaded() && !q.rows.length && !q.error()}>
          <p class="cn-empty" data-testid="queue-empty">{ct.queueEmpty}</p>
        </Show>
        <div class="cn-list-rows" style={{ height: `${q.rows.length * ROW_PX}px`, 'padding-top': `${span().start * ROW_PX}px` }}>
          <For each={visible()}>
            {(r, i) => {
              const phase = () => PHASE_OF[r.status] ?? 'grey';
              const district = () => props.labels.district(r.districtCode);
              const old = () => phase() === 'red' && ageHours(r.createdAt, now()) >= 24;
              return (
                <div
                  class="cn-row"
                  role="option"
                  aria-selected={props.openId === r.id}
                  classList={{ cursor: props.cursorId === r.id, open: props.openId === r.id, fresh: q.fresh().has(r.id) }}
                  data-testid="queue-row"
                  data-report-id={r.id}
                  aria-setsize={q.total()?.atLeast ? -1 : (q.total()?.count ?? -1)}
                  aria-posinset={span().start + i() + 1}
                  data-status={r.status}
                  onClick={() => props.onOpen(r.id)}
                >
                  <span class={`cn-badge phase-${phase()}`} data-testid="row-status">
                    {t.status[r.status]}
                  </span>
                  <div class="cn-row-main">
                    <div class="cn-row-top">
                      <span class="cn-ticket">{r.ticket}</span>
                      <span class="cn-row-cat">{props.labels.category(r.categoryId)}</span>
                    </div>
                    <div class="cn-row-sub">
                      <Show when={cityWide}>
                        <span class="cn-agency-tag">{agencyShort.get(r.agencyId) ?? r.agencyId}</span>
                      </Show>
                      <span classList={{ 'cn-muted': !district() }}>{district() ?? ct.noDistrict}</span>
                      <span class="cn-dot">·</span>
                      <span>{t.channel[r.channel]}</span>
                      <Show when={r.address}>
                        <span class="cn-dot">·</span>
                        <span class="cn-row-addr">{r.address}</span>
                      </Show>
                    </div>
                  </div>
                  <span class="cn-age" classList={{ old: old() }} title={r.createdAt}>
                    {ageOf(r.createdAt, now())}
                  </span>
                </div>
              );
            }}
          </For>
        </div>
        <Show when={q.loadingMore()}>
          <p class="cn-more" data-testid="queue-more">{ct.queueLoadingMore}</p>
        </Show>
      </div>
    </section>
  );
}
