const KEY = 'pantau.display';

/**
 * The wall's display token: given once in the address (`?display=<token>`), then kept in localStorage
 * and taken out of the address bar so it does not sit on screen or in screenshots.
 */
let given: string | null = null;

/** Whether this screen was given a token at all: a refused one is then "unknown or revoked", not "missing". */
export const displayTokenGiven = () => given !== null;

export function takeDisplayToken(): string | null {
  given = readDisplayToken();
  return given;
}

function readDisplayToken(): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('display');
  if (fromUrl !== null) {
    url.searchParams.delete('display');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    const token = fromUrl.trim();
    if (token) {
      try {
        localStorage.setItem(KEY, token);
      } catch {
        /* storage refused (private mode): the token still works for this page load */
      }
      return token;
    }
  }
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
