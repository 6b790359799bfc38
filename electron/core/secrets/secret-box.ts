/**
 * How the console seals a secret (a BMC password) before it is written to the data folder. The
 * core runs without Electron, so the box is injected: the desktop app passes one over Electron's
 * safeStorage (the OS keychain), the web console and the tests the file box below.
 */
export interface SecretBox {
  /**
   * Names the sealing in the stored entry, so that an entry sealed by another box (the desktop
   * app's keychain, opened by the web console) is said to be unreadable, not mistaken for text.
   */
  readonly scheme: string;
  /** Said once in the log when the store is opened: what protects the secrets on disk. */
  readonly protection: string;
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/**
 * No encryption: the secret is kept as it is, in a file only the console's user may read (0600,
 * in a folder of mode 0700). What the web console has, there being no keychain to ask.
 */
export const fileBox: SecretBox = {
  scheme: 'file-0600',
  protection: 'not encrypted; the file is readable by your user only (0600)',
  seal: (plain) => Promise.resolve(plain),
  open: (sealed) => Promise.resolve(sealed),
};
