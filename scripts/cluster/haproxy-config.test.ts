import { describe, expect, it } from 'vitest';
import { haproxyConfig, HUB_COOKIE } from './haproxy-config.js';

describe('haproxyConfig', () => {
  const cfg = haproxyConfig({ bind: { host: '127.0.0.1', port: 8080 }, hubs: [{ name: 'hub1', host: '127.0.0.1', port: 8101 }, { name: 'hub2', host: '127.0.0.1', port: 8102 }], checkEveryMs: 500 });

  it('puts every hub behind the one address, each checked on /api/health and named by the sticky cookie', () => {
    expect(cfg).toContain('bind 127.0.0.1:8080');
    expect(cfg).toContain('server hub1 127.0.0.1:8101 check cookie hub1');
    expect(cfg).toContain('server hub2 127.0.0.1:8102 check cookie hub2');
    expect(cfg).toContain('option httpchk GET /api/health');
    expect(cfg).toContain(`cookie ${HUB_COOKIE} insert indirect nocache`);
    expect(cfg).toMatch(/inter 500 fastinter 250 fall 3 rise 2/);
    expect(cfg).toMatch(/timeout check 2s/);
  });

  it('sends the screens of a dead hub to a live one, and keeps a wall’s websocket open between events', () => {
    expect(cfg).toContain('option redispatch');
    expect(cfg).toContain('on-marked-down shutdown-sessions');
    expect(cfg).toMatch(/timeout tunnel 1h/);
  });
});
