import { lazy } from 'solid-js';
import { Route } from '@solidjs/router';

// Each screen is its own chunk: the landing page does not load the map library.
const WallScreen = lazy(() => import('./screens/wall/WallScreen'));
const ProvinceWall = lazy(() => import('./screens/province/ProvinceWall'));
const CamerasScreen = lazy(() => import('./screens/cameras/CamerasScreen'));
const KinerjaScreen = lazy(() => import('./screens/kinerja/KinerjaScreen'));
const IndicatorsScreen = lazy(() => import('./screens/indicators/IndicatorsScreen'));
const RingkasScreen = lazy(() => import('./screens/ringkas/RingkasScreen'));
const ReplayScreen = lazy(() => import('./screens/replay/ReplayScreen'));
const LayarScreen = lazy(() => import('./screens/layar/LayarScreen'));
const DisplaysScreen = lazy(() => import('./screens/layar/DisplaysScreen'));
const Landing = lazy(() => import('./screens/landing/Landing'));
const FieldScreen = lazy(() => import('./screens/field/FieldScreen'));
const LaporScreen = lazy(() => import('./screens/public/LaporScreen'));
const TrackScreen = lazy(() => import('./screens/public/TrackScreen'));
const ConsoleScreen = lazy(() => import('./screens/console/ConsoleScreen'));
const AdminScreen = lazy(() => import('./screens/admin/AdminScreen'));

/**
 * Every address the hub serves the app at, and the screen it shows: the one place a newcomer looks. The hub's own
 * list of these addresses (SCREENS in server/http/app.ts) answers them with index.html; a path nobody knows shows the landing.
 */
export const routes = () => (
  <>
    <Route path="/wall/kamera" component={CamerasScreen} />
    <Route path="/wall/kinerja" component={KinerjaScreen} />
    <Route path="/wall/indikator" component={IndicatorsScreen} />
    <Route path="/wall/layar" component={LayarScreen} />
    <Route path="/wall/putar-ulang" component={ReplayScreen} />
    <Route path="/wall/provinsi" component={ProvinceWall} />
    <Route path="/wall/*" component={WallScreen} />
    <Route path="/ringkas" component={RingkasScreen} />
    <Route path="/field/*" component={FieldScreen} />
    <Route path="/lapor/*" component={LaporScreen} />
    <Route path="/lacak/:ticket?/*" component={TrackScreen} />
    <Route path={['/admin/*', '/console/admin']} component={AdminScreen} />
    <Route path="/console/layar" component={DisplaysScreen} />
    <Route path="/console/kamera/*" component={() => <ConsoleScreen page="cameras" />} />
    <Route path="/console/kinerja/*" component={() => <ConsoleScreen page="performance" />} />
    <Route path="/console/*" component={() => <ConsoleScreen page="queue" />} />
    <Route path="*" component={Landing} />
  </>
);
