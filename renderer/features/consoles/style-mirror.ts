/**
 * xterm.js writes its layout and colours into <style> elements, which the window's CSP (style-src
 * 'self', no inline styles) refuses to apply. Their text is mirrored into constructed stylesheets
 * (document.adoptedStyleSheets: the CSSOM, which CSP does not govern), kept in step as xterm
 * rewrites them. Returns the function that stops mirroring and removes the sheets.
 */
export function mirrorStyleElements(root: HTMLElement): () => void {
  const doc = root.ownerDocument;
  if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in doc))
    return () => undefined;
  const sheets = new Map<HTMLStyleElement, CSSStyleSheet>();
  const sync = (): void => {
    const present = new Set(root.querySelectorAll('style'));
    for (const [element, sheet] of sheets) {
      if (present.has(element)) continue;
      sheets.delete(element);
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    }
    for (const element of present) {
      let sheet = sheets.get(element);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheets.set(element, sheet);
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      }
      sheet.replaceSync(element.textContent ?? '');
    }
  };
  const observer = new MutationObserver(sync);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  sync();
  return () => {
    observer.disconnect();
    const ours = new Set(sheets.values());
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => !ours.has(s));
    sheets.clear();
  };
}
