/**
 * Small preferences of this window (the main view, the heat map's grouping and colouring), kept in
 * the window's storage as the theme is: they are how one admin looks, not the fleet's settings.
 */
export function readPref<T extends string>(
  key: string,
  allowed: (value: string) => value is T,
  fallback: T,
): T {
  try {
    const value = typeof window === 'undefined' ? null : window.localStorage.getItem(key);
    return value !== null && allowed(value) ? value : fallback;
  } catch {
    return fallback; // storage refused (a locked-down browser): the default, every time
  }
}

export function writePref(key: string, value: string): void {
  try {
    if (typeof window !== 'undefined') window.localStorage.setItem(key, value);
  } catch {
    // Not kept for the next start, but applied now.
  }
}
