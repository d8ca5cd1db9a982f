import { render } from 'solid-js/web';
import { lazy, Suspense, type Component } from 'solid-js';
import { lang } from './lib/i18n';
import './styles.css';

// Each screen is its own chunk: the landing page does not load the map library.
const WallScreen = lazy(() => import('./screens/wall/WallScreen'));
const Landing = lazy(() => import('./screens/landing/Landing'));

function screenFor(path: string): Component {
  if (path === '/wall' || path.startsWith('/wall/')) return WallScreen;
  return Landing;
}

document.documentElement.lang = lang;
const Screen = screenFor(location.pathname);
render(
  () => (
    <Suspense>
      <Screen />
    </Suspense>
  ),
  document.getElementById('root')!,
);
