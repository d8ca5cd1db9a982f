import { t } from '../lib/i18n';
import { displayTokenGiven } from '../lib/display-token';

/**
 * A wall screen the hub will not serve: with no display token it says how to pair it; with a token the hub
 * refused (unknown, or revoked) it says so, because "not paired yet" sends the room looking for the wrong fix.
 */
export function NotPaired() {
  const refused = displayTokenGiven();
  return (
    <div class="fullscreen-message" data-testid="not-paired" data-reason={refused ? 'refused' : 'missing'}>
      <h1>{refused ? t.tokenRefusedTitle : t.notPairedTitle}</h1>
      <p>{refused ? t.tokenRefusedBody : t.notPairedBody}</p>
    </div>
  );
}
