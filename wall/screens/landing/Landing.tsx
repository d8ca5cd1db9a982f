import { t } from '../../lib/i18n';

/** The root address: where each screen lives. Other screens come later. */
export default function Landing() {
  return (
    <div class="landing">
      <h1>{t.landingTitle}</h1>
      <p>{t.landingBody}</p>
      <ul>
        <li>
          <a href={`/wall${location.search}`}>{t.landingWall}</a>
        </li>
      </ul>
    </div>
  );
}
