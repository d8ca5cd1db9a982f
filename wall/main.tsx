import { render } from 'solid-js/web';
import { lazy, Suspense, type Component } from 'solid-js';
import { lang } from './lib/i18n';
import './styles.css';
import { config as zodConfig } from 'zod';

// zod compiles object parsers with new Function() when it may, and probes for it with one; under the hub's
// Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation on every screen. Interpreted parsing is enough here.
zodConfig({ jitless: true });

// Each screen is its own chunk: the landing page does not load the map library.
const WallScreen = lazy(() => import('./screens/wall/WallScreen'));
const CamerasScreen = lazy(() => import('./screens/cameras/CamerasScreen'));
const KinerjaScreen = lazy(() => import('./screens/kinerja/KinerjaScreen'));
const IndicatorsScreen = lazy(() => import('./screens/indicators/IndicatorsScreen'));
const RingkasScreen = lazy(() => import('./screens/ringkas/RingkasScreen'));
const ReplayScreen = lazy(() => import('./screens/replay/ReplayScreen'));
const Landing = lazy(() => import('./screens/landing/Landing'));
const FieldScreen = lazy(() => import('./screens/field/FieldScreen'));
const LaporScreen = lazy(() => import('./screens/public/LaporScreen'));
const TrackScreen = lazy(() => import('./screens/public/TrackScreen'));
const ConsoleScreen = lazy(() => import('./screens/console/ConsoleScreen'));
const AdminScreen = lazy(() => import('./screens/admin/AdminScreen'));
const LayarScreen = lazy(() => import('./screens/layar/LayarScreen'));
const DisplaysScreen = lazy(() => import('./screens/layar/DisplaysScreen'));

function screenFor(path: string): Component {
  if (path === '/wall/kamera' || path === '/wall/kamera/') return CamerasScreen;
  if (path === '/wall/kinerja' || path === '/wall/kinerja/') return KinerjaScreen;
  if (path === '/wall/indikator' || path === '/wall/indikator/') return IndicatorsScreen;
  if (path === '/ringkas' || path === '/ringkas/') return RingkasScreen;
  if (path === '/wall/layar' || path === '/wall/layar/') return LayarScreen;
  if (path === '/console/layar' || path === '/console/layar/') return DisplaysScreen;
  if (path === '/wall/putar-ulang' || path === '/wall/putar-ulang/') return ReplayScreen;
  if (path === '/wall' || path.startsWith('/wall/')) return WallScreen;
  if (path === '/field' || path.startsWith('/field/')) return FieldScreen;
  if (path === '/lapor' || path.startsWith('/lapor/')) return LaporScreen;
  if (path === '/lacak' || path.startsWith('/lacak/')) return TrackScreen;
  if (path === '/admin' || path.startsWith('/admin/') || path === '/console/admin') return AdminScreen;
  if (path === '/console' || path.startsWith('/console/')) return ConsoleScreen;
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
