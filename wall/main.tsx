import { render } from 'solid-js/web';
import { Suspense } from 'solid-js';
import { Router } from '@solidjs/router';
import { routes } from './routes';
import { lang } from './lib/i18n';
import './styles.css';
import { config as zodConfig } from 'zod';

// zod compiles object parsers with new Function() when it may, and probes for it with one; under the hub's
// Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation on every screen. Interpreted parsing is enough here.
zodConfig({ jitless: true });

document.documentElement.lang = lang;
// explicitLinks: a plain <a> loads its screen afresh (each screen sets up its own page: title, light or dark,
// stylesheet, socket); only an <A> would route in place, and no screen uses one.
render(
  () => (
    <Router explicitLinks root={(p) => <Suspense>{p.children}</Suspense>}>
      {routes()}
    </Router>
  ),
  document.getElementById('root')!,
);
