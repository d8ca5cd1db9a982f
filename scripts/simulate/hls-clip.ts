import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A few seconds of small video, cut into HLS segments once and cached: every simulated camera loops it. */
export const CLIP = { segments: 4, seconds: 2, width: 320, height: 180, fps: 10 } as const;
const CACHE = join(tmpdir(), `pantau-hls-${CLIP.segments}x${CLIP.seconds}s-${CLIP.width}x${CLIP.height}`);

let making: Promise<Buffer[] | null> | null = null;

/**
 * The clip's segments (MPEG-TS, H.264), made by ffmpeg (Debian's `ffmpeg` package) on first use and kept in the
 * temp dir for the next run. null when ffmpeg is missing: HLS cameras then answer 404 and go offline, nothing else breaks.
 */
export function hlsSegments(): Promise<Buffer[] | null> {
  making ??= (async () => {
    const read = () => Array.from({ length: CLIP.segments }, (_, i) => readFileSync(join(CACHE, `seg${i}.ts`)));
    if (existsSync(join(CACHE, 'done'))) return read();
    const work = `${CACHE}.${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const args = [
      '-hide_banner', '-loglevel', 'error', '-y',
      // testsrc2 moves every frame (a counter and a sweeping pattern): frames visibly advance.
      '-f', 'lavfi', '-i', `testsrc2=size=${CLIP.width}x${CLIP.height}:rate=${CLIP.fps}`,
      '-t', String(CLIP.segments * CLIP.seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
      '-g', String(CLIP.fps * CLIP.seconds), '-keyint_min', String(CLIP.fps * CLIP.seconds), '-sc_threshold', '0',
      '-f', 'hls', '-hls_time', String(CLIP.seconds), '-hls_list_size', '0', '-hls_segment_filename', join(work, 'seg%d.ts'), join(work, 'index.m3u8'),
    ];
    const ok = await new Promise<boolean>((resolve) => execFile('ffmpeg', args, { timeout: 60_000 }, (err) => resolve(!err)));
    if (!ok || !existsSync(join(work, `seg${CLIP.segments - 1}.ts`))) {
      rmSync(work, { recursive: true, force: true });
      return null;
    }
    rmSync(CACHE, { recursive: true, force: true });
    renameSync(work, CACHE);
    // 'done' last: a run killed half-way leaves no cache that looks complete.
    writeFileSync(join(CACHE, 'done'), '');
    return read();
  })();
  return making;
}

/**
 * A live playlist over the looped clip: a window of three segments whose media sequence advances with the
 * clock (one per segment length); a DISCONTINUITY where the loop starts over, so a player resets its timestamps.
 */
export function livePlaylist(mediaSequence: number, urlOf: (n: number) => string): string {
  const n = CLIP.segments;
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${CLIP.seconds}`, `#EXT-X-MEDIA-SEQUENCE:${mediaSequence}`];
  // Discontinuities before the first segment in the window: one per completed loop.
  lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${Math.floor(mediaSequence / n)}`);
  for (let s = mediaSequence; s < mediaSequence + 3; s++) {
    if (s % n === 0 && s !== mediaSequence) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${CLIP.seconds.toFixed(3)},`, urlOf(s));
  }
  return lines.join('\n') + '\n';
}
