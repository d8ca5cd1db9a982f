import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import type { Live } from '../../lib/live';
import { isOpen } from '../../../server/domain/statuses';
import { profileLabels } from '../../lib/profile';
import { lang } from '../../lib/i18n';
import { ALERT_DEFAULTS, currentAlert, emptyAlerts, othersCount, raise, resolve, tick, type Alert, type AlertQueueState } from '../../lib/alert-queue';
import { lt } from './i18n';

/**
 * Feeds the wall's one alert queue from the live stream: a new report in a critical category (its deadline clock
 * never stops), an open report past its deadline, a camera whose alert is open. Each leaves when its cause does:
 * the report handled (no longer red or yellow, or no longer breached), the camera back or acknowledged.
 */
export function createWallAlerts(live: Live, profile: Accessor<PublicProfile | undefined>) {
  const [state, setState] = createSignal<AlertQueueState>(emptyAlerts());
  const apply = (fn: (s: AlertQueueState, now: number) => AlertQueueState) => setState((s) => fn(s, Date.now()));
  const critical = () => new Set((profile()?.categories ?? []).filter((c) => c.critical).map((c) => c.id));
  const labels = () => {
    const p = profile();
    return p ? profileLabels(p, lang) : null;
  };

  const off = live.onReportEvent((e) => {
    const r = e.report;
    const key = `report:${r.id}`;
    const open = isOpen(r.status);
    const place = labels()?.district(r.districtCode) ?? '';
    const what = `${labels()?.category(r.categoryId) ?? r.categoryId}${place ? ` · ${place}` : ''}`;
    if (!open) return apply((s, now) => resolve(s, key, now));
    if (r.breached) return apply((s, now) => raise(s, { key, kind: 'breach', title: lt.alert.breach, detail: what, since: e.at }, now));
    if (e.type === 'report.submitted' && critical().has(r.categoryId))
      return apply((s, now) => raise(s, { key, kind: 'critical', title: lt.alert.critical, detail: what, since: e.at }, now));
    // Dispatched, noted, …: a critical report handled stays only while it is still new (red).
    if (r.status !== 'new' && !r.breached) apply((s, now) => resolve(s, key, now));
  });

  // Cameras: their current state is the truth; an alert is open or it is not.
  let cameraKeys = new Set<string>();
  const syncCameras = () => {
    const next = new Set<string>();
    const raised: Alert[] = [];
    for (const c of live.cameraList()) {
      if (c.alert !== 'open') continue;
      const key = `camera:${c.id}`;
      next.add(key);
      if (!cameraKeys.has(key)) raised.push({ key, kind: 'camera', title: lt.alert.camera, detail: c.name, since: c.healthSince ?? new Date().toISOString() });
    }
    const gone = [...cameraKeys].filter((k) => !next.has(k));
    cameraKeys = next;
    if (raised.length || gone.length)
      apply((s, now) => {
        for (const k of gone) s = resolve(s, k, now);
        for (const a of raised) s = raise(s, a, now);
        return s;
      });
  };
  let lastCameras: readonly unknown[] | null = null;
  const timer = setInterval(() => {
    if (live.cameraList() !== lastCameras) {
      lastCameras = live.cameraList();
      syncCameras();
    }
    apply((s, now) => tick(s, now));
  }, 1_000);
  onCleanup(() => {
    off();
    clearInterval(timer);
  });

  return {
    current: () => currentAlert(state()),
    others: () => othersCount(state()),
    /** A quiet moment: nothing on screen (a reload for a new release waits for one). */
    quiet: () => currentAlert(state()) === null,
    showMs: ALERT_DEFAULTS.showMs,
  };
}
