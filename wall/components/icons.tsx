/** Two small inline icons for the phone pages: no icon font, no emoji font needed. */
export function CameraIcon() {
  return (
    <svg class="ph-icon" viewBox="0 0 24 24" aria-hidden="true" width="28" height="28">
      <path fill="currentColor" d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 2.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 0 0 0-5.6z" />
    </svg>
  );
}

export function PinIcon() {
  return (
    <svg class="ph-icon" viewBox="0 0 24 24" aria-hidden="true" width="26" height="26">
      <path fill="currentColor" d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.6A2.6 2.6 0 1 1 12 6.4a2.6 2.6 0 0 1 0 5.2z" />
    </svg>
  );
}
