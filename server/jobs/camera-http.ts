import http from 'node:http';
import https from 'node:https';

/**
 * GET for the camera prober: node's own HTTP client on keep-alive agents. A probe is one small GET thousands of times
 * a minute, and `fetch` (undici behind the WHATWG API: a Request, a Response, streams and an abort DOMException per
 * call) cost more than all the rest of a probe; node:http answers the same GET at two to three times the rate
 * (scripts/bench/cameras.ts prints both). Idle connections are kept for a little over a probe interval, so a camera
 * polled every 5 s keeps its connection and one dropped from the list lets it go.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 15_000, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, timeout: 15_000, scheduling: 'lifo' }),
};

export class HttpStatusError extends Error {}

/**
 * The body of `url`, refused above `maxBytes` (the transfer is cut there, not read to the end). A redirect, like any
 * status other than 2xx, is an HttpStatusError "HTTP <status>": a camera's address is the one configured.
 */
export async function getBytes(url: string, opts: { headers: Record<string, string>; signal: AbortSignal; maxBytes: number }): Promise<Buffer> {
  try {
    return await getOnce(url, opts);
  } catch (err) {
    // A kept connection the camera closed just as this request went out (servers drop idle ones after a few
    // seconds, about a probe interval): asked again once on a new connection, as node's docs advise.
    if ((err as { reusedSocket?: boolean }).reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET' && !opts.signal.aborted) return getOnce(url, opts);
    throw err;
  }
}

function getOnce(url: string, opts: { headers: Record<string, string>; signal: AbortSignal; maxBytes: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) return reject(new Error(`unsupported protocol ${target.protocol}`));
    const get = target.protocol === 'https:' ? https.get : http.get;
    const req = get(target, { agent, headers: opts.headers, signal: opts.signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        // Its body is not read: a camera's error page may be anything, and this connection is let go with it.
        res.destroy();
        return reject(new HttpStatusError(`HTTP ${status}`));
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > opts.maxBytes) {
          req.destroy();
          return reject(new Error(`snapshot of more than ${opts.maxBytes} bytes`));
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes)));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('connection closed mid-answer')));
    });
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
  });
}
