/**
 * Every route an Express 5 app registers, as method + full path, read from the router stacks (the app's and every
 * mounted router's, recursively). Express keeps no list of its own; router 2.x layers keep the path they were
 * registered with as rawPath, which is what is needed here (not the compiled matcher).
 */
type Layer = {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

export type RegisteredRoute = { method: string; path: string };

const join = (a: string, b: string) => {
  const p = `${a}/${b}`.replace(/\/+/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
};

export function registeredRoutes(app: { router: { stack: Layer[] } }): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths)
          for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method, path: join(prefix, path) });
      } else if (layer.handle?.stack) {
        const mount = Array.isArray(layer.rawPath) ? layer.rawPath[0] : (layer.rawPath ?? '/');
        walk(layer.handle.stack, join(prefix, mount));
      }
    }
  };
  walk(app.router.stack, '');
  // A path registered twice (a limiter before its handler) is one route.
  return [...new Map(out.map((r) => [`${r.method} ${r.path}`, r])).values()];
}
