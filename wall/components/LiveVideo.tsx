import { createSignal, onCleanup, onMount } from 'solid-js';
import type HlsType from 'hls.js';
import { lang } from '../lib/i18n';
import './live-video.css';

const WORDS = {
  id: { loading: 'Memuat video langsung…', playing: 'LANGSUNG', stalled: 'Video tersendat — menyambung lagi…', failed: 'Video langsung tidak tersedia', offscreen: 'Video berhenti (di luar layar)' },
  en: { loading: 'Loading live video…', playing: 'LIVE', stalled: 'Video stalled — reconnecting…', failed: 'Live video unavailable', offscreen: 'Video paused (off screen)' },
}[lang];

/** No new frame for this long while it should play: the stream has stalled. */
const STALL_MS = 6000;
/** The first frame may take longer (playlist, a whole segment, the decoder starting on a busy PC). */
const FIRST_FRAME_MS = 20_000;
/** How long to wait before starting over after a stall or a fatal error (it grows up to a minute). */
const RETRY_MS = 3000;

export type LiveState = 'loading' | 'playing' | 'stalled' | 'failed' | 'offscreen';

/**
 * A camera's live video (HLS through the hub, played with hls.js; Safari plays it natively). It streams only
 * while it is on screen: an element scrolled away, in a hidden tab or a pane that rotated out stops loading.
 * A stream that stalls says so and starts over by itself, with a growing pause, for as long as it is shown.
 */
export function LiveVideo(props: { cameraId: string; name: string; token?: string | null }) {
  const [state, setState] = createSignal<LiveState>('loading');
  let box!: HTMLDivElement;
  let video!: HTMLVideoElement;
  let hls: HlsType | null = null;
  let visible = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setInterval> | undefined;
  let lastTime = -1;
  let lastMoved = Date.now();
  let failures = 0;
  let stopped = false;

  const src = () => {
    const q = props.token ? `?display=${encodeURIComponent(props.token)}` : '';
    return `/api/cameras/${encodeURIComponent(props.cameraId)}/live/index.m3u8${q}`;
  };

  function stop() {
    clearTimeout(retryTimer);
    clearInterval(watchdog);
    hls?.destroy();
    hls = null;
    video.removeAttribute('src');
    video.load();
  }

  function retry() {
    stop();
    if (stopped || !visible) return;
    failures++;
    retryTimer = setTimeout(start, Math.min(60_000, RETRY_MS * 2 ** Math.min(failures - 1, 5)));
  }

  async function start() {
    if (stopped || !visible) return;
    setState(failures ? 'stalled' : 'loading');
    lastMoved = Date.now();
    lastTime = -1;
    watchdog = setInterval(() => {
      if (video.currentTime !== lastTime) {
        lastTime = video.currentTime;
        lastMoved = Date.now();
        return;
      }
      if (Date.now() - lastMoved > (state() === 'playing' ? STALL_MS : FIRST_FRAME_MS)) {
        setState('stalled');
        retry();
      }
    }, 1000);
    const { default: Hls } = await import('hls.js');
    if (stopped || !visible) return;
    if (Hls.isSupported()) {
      // No worker: the hub's CSP then needs only media-src blob: for MediaSource, not worker-src.
      const h = new Hls({
        enableWorker: false, lowLatencyMode: false, liveSyncDurationCount: 2, manifestLoadingMaxRetry: 2, levelLoadingMaxRetry: 2, fragLoadingMaxRetry: 2,
        xhrSetup: (xhr) => {
          if (props.token) xhr.setRequestHeader('Authorization', `Bearer ${props.token}`);
        },
      });
      hls = h;
      h.on(Hls.Events.ERROR, (_e, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) return void h.recoverMediaError();
        setState(failures > 2 ? 'failed' : 'stalled');
        retry();
      });
      h.loadSource(src());
      h.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src();
    } else {
      setState('failed');
      return;
    }
    void video.play().catch(() => undefined);
  }

  onMount(() => {
    video.addEventListener('playing', () => {
      failures = 0;
      setState('playing');
    });
    const io = new IntersectionObserver((entries) => {
      const now = entries.some((e) => e.isIntersecting) && document.visibilityState === 'visible';
      if (now === visible) return;
      visible = now;
      if (visible) void start();
      else {
        stop();
        setState('offscreen');
      }
    });
    io.observe(box);
    // Observing again makes the observer report at once, now with the tab's visibility taken into account.
    const onVisibility = () => {
      io.unobserve(box);
      io.observe(box);
    };
    document.addEventListener('visibilitychange', onVisibility);
    onCleanup(() => {
      stopped = true;
      io.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      stop();
    });
  });

  return (
    <div ref={box} class="live-video" data-testid="live-video" data-camera={props.cameraId} data-state={state()}>
      <video ref={video} muted playsinline autoplay aria-label={props.name} />
      <span class={`live-video-badge live-video-${state()}`}>{WORDS[state()]}</span>
    </div>
  );
}
