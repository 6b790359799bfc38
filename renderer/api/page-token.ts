/**
 * Where this tab keeps the web console's access token once it has left the address bar: session
 * storage belongs to this origin (host and port) and this tab, survives a reload and is gone when
 * the tab closes. The token in the URL would otherwise stay on screen, in screenshots and in the
 * tab's history, where it opens the console to whoever reads it.
 */
export const TOKEN_STORAGE_KEY = 'federator.token';

type PageWindow = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

/**
 * The token this page was opened with: taken from the URL on the first load (and the URL replaced
 * by the same one without it), read back from session storage on a reload. A token in the URL
 * always wins: it is the one the admin just opened, maybe from a newer run of the console.
 */
export function takePageToken(win: PageWindow): string | undefined {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    // Without storage (disabled by policy) the URL keeps the token, or a reload would lose it.
    if (!store(win, fromUrl)) return fromUrl;
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return stored(win);
}

function store(win: PageWindow, token: string): boolean {
  try {
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    return true;
  } catch {
    return false;
  }
}

function stored(win: PageWindow): string | undefined {
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
