/** What the window says when its own code could not be loaded (renderer/app/start-failure.ts). */
export const START_FAILED_TITLE = 'The window could not load its code.';
export const START_FAILED_ADVICE =
  'Reload the window (Ctrl+R, or View → Reload; F5 in a browser). If the console was restarted or updated meanwhile, open it again: in a browser, with the URL that npm run web printed.';
