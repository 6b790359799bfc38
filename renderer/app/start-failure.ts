import { START_FAILED_ADVICE, START_FAILED_TITLE } from '../../shared/words/start-words';

/**
 * Says so in the window when a stage of the start (main.tsx) failed: a part of the window's code
 * that did not arrive (the web shell restarted, a newer build, a dropped connection) would
 * otherwise leave an empty page. Plain DOM: React may be what failed to load.
 */
export function showStartFailure(rootElement: HTMLElement, error: unknown): void {
  const page = document.createElement('main');
  page.className = 'missing-token';
  page.setAttribute('role', 'alert');
  page.dataset.testid = 'start-failed';
  const line = (tag: string, text: string, className?: string) => {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) element.className = className;
    page.append(element);
  };
  line('h1', 'Federator');
  line('p', START_FAILED_TITLE, 'error-title');
  line('p', START_FAILED_ADVICE);
  line('p', error instanceof Error ? error.message : String(error), 'muted small');
  rootElement.replaceChildren(page);
  console.error('Federator: the window could not start', error);
}
