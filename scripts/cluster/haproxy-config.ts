/** One hub behind the load balancer: its name (also the value of the sticky cookie) and where it listens. */
export type Backend = { name: string; host: string; port: number };

export type LoadBalancerOptions = {
  /** Where the room's screens connect: the one address of the cluster. */
  bind: { host: string; port: number };
  hubs: Backend[];
  /** How often each hub's /api/health is asked; three misses take a hub out, two answers put it back. */
  checkEveryMs?: number;
};

/** The sticky cookie: which hub a browser's requests (and its Socket.IO long-polling) go to. */
export const HUB_COOKIE = 'PANTAU_HUB';

/**
 * HAProxy's configuration for hubs behind one address. What Socket.IO needs: every request of one engine.io session on
 * the same hub (its long-polling requests carry no session a second hub knows), so a cookie pins a browser to the hub
 * that first answered it; a websocket is a tunnel that may stay open for weeks (a wall). When a hub dies its screens
 * reconnect and `option redispatch` sends them, cookie and all, to a live one (HAProxy then sets the cookie anew);
 * a connection refused by a hub that died before the health check noticed is retried on another. A request already
 * sent to a hub that dies is answered 502: the citizen's form and the field outbox resend with the same client id,
 * which the hub applies once (client_commands); the console's actions carry the report's version, so one resent after
 * it was applied is refused 409 and the operator sees the report as it now is.
 */
export function haproxyConfig(o: LoadBalancerOptions): string {
  const every = o.checkEveryMs ?? 1000;
  return `# Written by scripts/cluster (Pantau): the hubs behind one address.
global
  # No maxconn: HAProxy takes what the open-files limit allows.
  log stderr format short local0 warning

defaults
  mode http
  log global
  option httplog
  option dontlognull
  option forwardfor
  option redispatch
  retries 2
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-request 10s
  timeout http-keep-alive 10s
  # A wall's websocket is idle between events; its Socket.IO ping (every 4 s) keeps it alive, this caps a dead one.
  timeout tunnel 1h
  timeout client-fin 5s

frontend pantau
  bind ${o.bind.host}:${o.bind.port}
  default_backend hubs

backend hubs
  balance leastconn
  cookie ${HUB_COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
  option httpchk GET /api/health
  http-check expect status 200
  # A hub busy with photos may answer late: up to two seconds, three misses in a row, before it is taken out.
  timeout check 2s
  default-server inter ${every} fastinter ${Math.max(100, Math.round(every / 2))} fall 3 rise 2 on-marked-down shutdown-sessions
${o.hubs.map((h) => `  server ${h.name} ${h.host}:${h.port} check cookie ${h.name}`).join('\n')}
`;
}
