import { batch, createSignal, onCleanup } from 'solid-js';
import type { Live } from '../../lib/live';
import { advanceClock, seekClock, stepsUpTo, type Replay, type ReplayClock, type ReplaySpeed } from '../../../server/contract/replay';

/** How often the replay clock moves while playing; the map layer batches its own updates at 250 ms. */
const TICK_MS = 200;

/**
 * Plays a Replay through a live store, so the wall's own map layer and counts show the city as it was:
 * the state at the start is applied as a snapshot, then every step up to the replay clock as an event
 * (numbered 1…n, so the store's seq is simply "how many steps are applied"). Going back re-applies the
 * snapshot and the steps up to the new moment.
 */
export function createReplayPlayer(live: Live) {
  const [replay, setReplay] = createSignal<Replay | null>(null);
  const [clock, setClock] = createSignal<ReplayClock>({ from: 0, to: 0, at: 0, speed: 600, playing: false });
  const [applied, setApplied] = createSignal(0);
  let times: number[] = [];
  /** The same as applied(), read without tracking inside a batch. */
  let done = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let last = 0;

  function load(r: Replay, startAt?: number) {
    stop();
    times = r.steps.map((s) => Date.parse(s[0]));
    setReplay(r);
    const from = Date.parse(r.from);
    setClock({ from, to: Date.parse(r.to), at: from, speed: clock().speed, playing: false });
    reset();
    show(startAt ?? from);
  }

  function reset() {
    const r = replay()!;
    // A store id of its own: nothing the store held before (another day's replay) is taken for this one.
    live.applyCatchUp({ kind: 'snapshot', storeId: `replay:${r.from}:${r.to}`, seq: 0, markers: r.markers, cameras: [] });
    done = 0;
    setApplied(0);
  }

  /** Moves the map and counts to moment `t`. */
  function show(t: number) {
    const r = replay();
    if (!r) return;
    const c = seekClock(clock(), t);
    const n = stepsUpTo(times, c.at);
    batch(() => {
      if (n < done) reset();
      for (let i = done; i < n; i++) {
        const [at, type, marker] = r.steps[i];
        live.applyEvent({ seq: i + 1, at, type, marker });
      }
      done = n;
      setApplied(n);
      setClock(c);
    });
  }

  function tick() {
    const now = performance.now();
    const next = advanceClock(clock(), now - last);
    last = now;
    show(next.at);
    if (!next.playing) pause();
  }

  function play() {
    const c = clock();
    if (!replay() || c.playing) return;
    // Played to the end: start again from the beginning.
    if (c.at >= c.to) show(c.from);
    setClock({ ...clock(), playing: true });
    last = performance.now();
    timer = setInterval(tick, TICK_MS);
  }
  function stop() {
    clearInterval(timer);
    timer = undefined;
  }
  function pause() {
    stop();
    setClock({ ...clock(), playing: false });
  }
  onCleanup(stop);

  return {
    replay,
    clock,
    /** How many steps are on the map: the last ones are "what just happened". */
    applied,
    load,
    seek: (t: number) => show(t),
    play,
    pause,
    setSpeed: (speed: ReplaySpeed) => setClock({ ...clock(), speed }),
  };
}
export type ReplayPlayer = ReturnType<typeof createReplayPlayer>;
