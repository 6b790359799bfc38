// jsdom has HTMLDialogElement but neither showModal() nor close(), nor Escape's `cancel`. This
// stands in for the part the console relies on; the real behaviour (inert page, focus trap, backdrop)
// is proven in Chromium by e2e/specs/dialogs.spec.ts.
if (typeof window !== 'undefined' && typeof HTMLDialogElement !== 'undefined') {
  const proto = HTMLDialogElement.prototype;
  if (typeof proto.showModal !== 'function') {
    proto.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    proto.show = function show(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    proto.close = function close(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return;
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
    // Escape asks the topmost open dialog to cancel, as a browser does.
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const open = [...document.querySelectorAll('dialog[open]')];
      open.at(-1)?.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
  }
}
