import { createLibvirtHostLink } from './libvirt-host-link';
import type { LinkFactory } from './link-factory';

/** The real thing: SSH + libvirt. Loaded on first use, so a demo-only console never loads ssh2. */
export const libvirtLinkFactory: LinkFactory = (config, deps) =>
  createLibvirtHostLink(config, deps);
