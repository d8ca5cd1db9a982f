import { BREACH_SUFFIX } from '../../../server/domain/statuses';
import { createEffect, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import type { CameraPublic } from '../../../server/contract/cameras';
import { api } from '../../lib/api';
import { type CameraWithUptime, type Me, type StaffReport } from '../../lib/staff';
import { poll } from '../../lib/poll';
import { ct } from '../../lib/i18n/staff';
import { ageOf, useNow, whenLocal } from '../../lib/format';
import type { Queue } from './queue';

export type Reminder = { flag: string; report: StaffReport };

/** A header button with a count and a popover beneath it; closes on a click outside or Esc. */
function HeaderPopover(props: {
  label: string;
  count: number;
  testid: string;
  tone: 'warn' | 'alert';
  title: string;
  children: JSX.Element;
  open: boolean;
  setOpen: (v: boolean) => void;
}) {
  let root!: HTMLDivElement;
  const onDoc = (e: MouseEvent) => {
    if (props.open && !root.contains(e.target as Node)) props.setOpen(false);
  };
  // Before the console's own shortcuts (on window): Esc closes the popover, not the report panel.
  const onKey = (e: KeyboardEvent) => {
    if (props.open && e.key === 'Escape') {
      props.setOpen(false);
      e.preventDefault();
    }
  };
  document.addEventListener('mousedown', onDoc);
  document.addEventListener('keydown', onKey);
  onCleanup(() => {
    document.removeEventListener('mousedown', onDoc);
    document.removeEventListener('keydown', onKey);
  });
  return (
    <div class="cn-audit cn-hpop" ref={root}>
      <button
        type="button"
        class="cn-btn cn-btn-ghost cn-btn-sm"
        classList={{ [`cn-hpop-${props.tone}`]: props.count > 0 }}
        data-testid={props.testid}
        data-count={props.count}
        aria-expanded={props.open}
        onClick={() => props.setOpen(!props.open)}
      >
        {props.label} <span class="cn-count">{props.count}</span>
      </button>
      <Show when={props.open}>
        <div class="cn-popover cn-hpop-list">
          <strong>{props.title}</strong>
          {props.children}
        </div>
      </Show>
    </div>
  );
}

/** When the flagged deadline falls due: the response or the resolution deadline. */
function dueOf(r: Reminder): string | null {
  const d = r.report.deadlines;
  if (!d) return null;
  return r.flag.startsWith('response') ? d.responseDueAt : d.resolutionDueAt;
}

/**
 * Deadline reminders nobody has acknowledged (the operator's agency; every agency for a supervisor):
 * fetched every 30 s and when the hub flags or acknowledges a deadline.
 */
export function Reminders(props: { me: Me; queue: Queue; onOpen: (id: number) => void }) {
  const [list, setList] = createSignal<Reminder[]>([]);
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal<string | null>(null);
  const canAck = props.me.role === 'operator' || props.me.role === 'supervisor';

  async function load() {
    const r = await api<{ reminders: Reminder[] }>('/api/console/reminders');
    if (r.ok) setList(r.data.reminders);
  }
  poll(load);
  createEffect(
    on(
      () => props.queue.lastEvent(),
      (e) => {
        if (e && (e.type === 'report.deadline_flagged' || e.type === 'report.reminder_acknowledged')) void load();
      },
      { defer: true },
    ),
  );

  async function ack(x: Reminder) {
    const key = `${x.report.id}:${x.flag}`;
    setBusy(key);
    const r = await api<{ report: StaffReport }>(`/api/console/reports/${x.report.id}/reminders/ack`, { json: { flag: x.flag } });
    setBusy(null);
    if (r.ok || r.status === 400) setList((l) => l.filter((y) => !(y.report.id === x.report.id && y.flag === x.flag)));
  }

  const breached = (flag: string) => flag.endsWith(BREACH_SUFFIX);

  return (
    <HeaderPopover label={ct.reminders} count={list().length} testid="reminders-open" tone={list().some((x) => breached(x.flag)) ? 'alert' : 'warn'} title={ct.remindersTitle} open={open()} setOpen={setOpen}>
      <Show when={list().length} fallback={<p class="cn-muted cn-small">{ct.remindersEmpty}</p>}>
        <ul class="cn-hpop-items">
          <For each={list()}>
            {(x) => (
              <li class="cn-hpop-item" data-testid="reminder-item" data-report-id={x.report.id} data-flag={x.flag}>
                <button
                  type="button"
                  class="cn-hpop-open"
                  onClick={() => {
                    props.onOpen(x.report.id);
                    setOpen(false);
                  }}
                >
                  <span class="cn-mono">{x.report.ticket}</span>
                  <span classList={{ 'cn-flag-breached': breached(x.flag), 'cn-flag-near': !breached(x.flag) }}>{ct.reminderFlags[x.flag] ?? x.flag}</span>
                  <Show when={dueOf(x)}>
                    <span class="cn-muted cn-small">
                      {ct.due} {whenLocal(dueOf(x)!)}
                    </span>
                  </Show>
                </button>
                <Show when={canAck}>
                  <button type="button" class="cn-btn cn-btn-sm" data-testid="reminder-ack" disabled={busy() === `${x.report.id}:${x.flag}`} onClick={() => ack(x)}>
                    {ct.reminderAck}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </HeaderPopover>
  );
}

/** SP4N-LAPOR escalations (supervisor, admin): reports past their escalation time. */
export function Escalations(props: { queue: Queue; agencyShort: (id: string) => string; onOpen: (id: number) => void }) {
  const [list, setList] = createSignal<StaffReport[]>([]);
  const [open, setOpen] = createSignal(false);
  const now = useNow();
  async function load() {
    const r = await api<{ reports: StaffReport[] }>('/api/console/escalations');
    if (r.ok) setList(r.data.reports);
  }
  poll(load);
  createEffect(
    on(
      () => props.queue.lastEvent(),
      (e) => {
        if (e && e.type === 'report.deadline_flagged') void load();
      },
      { defer: true },
    ),
  );
  return (
    <HeaderPopover label={ct.escalationsShort} count={list().length} testid="escalations-open" tone="alert" title={ct.escalations} open={open()} setOpen={setOpen}>
      <Show when={list().length} fallback={<p class="cn-muted cn-small">{ct.escalationsEmpty}</p>}>
        <ul class="cn-hpop-items">
          <For each={list()}>
            {(r) => (
              <li class="cn-hpop-item" data-testid="escalation-item" data-report-id={r.id}>
                <button
                  type="button"
                  class="cn-hpop-open"
                  onClick={() => {
                    props.onOpen(r.id);
                    setOpen(false);
                  }}
                >
                  <span class="cn-mono">{r.ticket}</span>
                  <span>{props.agencyShort(r.agencyId)}</span>
                  <span class="cn-muted cn-small">
                    {ct.escalatedAge} {ageOf(r.createdAt, now())}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </HeaderPopover>
  );
}

/** Red rows under the header for every camera whose offline alert is open; re-fetched every 30 s and on camera events. */
export function CameraAlerts(props: { me: Me; queue: Queue }) {
  const [cams, setCams] = createSignal<CameraWithUptime[]>([]);
  const [busy, setBusy] = createSignal<string | null>(null);
  const canAck = props.me.role === 'operator' || props.me.role === 'supervisor';
  let pending: ReturnType<typeof setTimeout> | undefined;
  async function load() {
    const r = await api<{ cameras: CameraWithUptime[] }>('/api/cameras');
    if (r.ok) setCams(r.data.cameras);
  }
  poll(load);
  // Camera events come in bursts (one per probe change): one fetch a second at most.
  createEffect(
    on(
      () => props.queue.cameraTick(),
      () => {
        clearTimeout(pending);
        pending = setTimeout(load, 1_000);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(pending));

  async function ack(c: CameraWithUptime) {
    setBusy(c.id);
    const r = await api<{ camera: CameraPublic }>(`/api/cameras/${encodeURIComponent(c.id)}/ack`, { method: 'POST', json: {} });
    setBusy(null);
    if (r.ok) setCams((l) => l.map((x) => (x.id === c.id ? { ...x, ...r.data.camera } : x)));
    else void load();
  }

  const open = () => cams().filter((c) => c.alert === 'open');
  return (
    <For each={open()}>
      {(c) => (
        <div class="cn-banner cn-camera-alert" role="alert" data-testid="console-camera-alert" data-camera-id={c.id}>
          <span>
            {ct.cameraDown}: {c.name}
            <Show when={c.healthSince}>
              {' '}
              {ct.cameraSince} {whenLocal(c.healthSince!)}
            </Show>
          </span>
          <Show when={canAck}>
            <button type="button" class="cn-btn cn-btn-sm" data-testid="camera-ack" disabled={busy() === c.id} onClick={() => ack(c)}>
              {ct.cameraAck}
            </button>
          </Show>
        </div>
      )}
    </For>
  );
}
