import { z } from 'zod';
import { Labels } from './host';
import { HostId } from './ids';

/** Where admins already list their hosts: OpenSSH's client config, or an Ansible inventory. */
export const ImportSource = z.enum(['ssh-config', 'ansible']);
export type ImportSource = z.infer<typeof ImportSource>;

/** A file is read on the console's machine; this much is plenty for any real inventory. */
export const IMPORT_MAX_BYTES = 512 * 1024;

/**
 * What to read: a file on the console's machine (the core reads it; `~` is the user's home), or
 * the text itself (pasted in the window). Relative `Include`s are read under ~/.ssh either way.
 */
export const ImportPreviewRequest = z
  .object({
    source: ImportSource,
    path: z.string().trim().max(4096).optional(),
    text: z.string().max(IMPORT_MAX_BYTES).optional(),
  })
  .refine((r) => (r.path ?? '') !== '' || (r.text ?? '') !== '', {
    message: 'Give a file path or paste the text',
  });
export type ImportPreviewRequest = z.input<typeof ImportPreviewRequest>;

/** The host another one is reached through: one of this import (by key) or one of the console. */
export const ImportJump = z.object({
  name: z.string(),
  /** Another candidate of this preview. */
  key: z.string().optional(),
  /** A host already in the console. */
  hostId: HostId.optional(),
});
export type ImportJump = z.infer<typeof ImportJump>;

/** One host as it will be added: what the file said, resolved, with what could not be taken over. */
export const ImportCandidate = z.object({
  /** The name in the file (ssh alias, inventory host): unique within a preview. */
  key: z.string().min(1),
  name: z.string().min(1).max(200),
  address: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1).max(64),
  /** Absent: ssh-agent. */
  keyPath: z.string().max(4096).optional(),
  labels: Labels,
  jump: ImportJump.optional(),
  /** Already in the console (same address, port and user): recognised, not added twice. */
  existing: z.object({ hostId: HostId, name: z.string() }).optional(),
  /** Things the admin should know: defaults taken, settings not taken over and why. */
  notes: z.array(z.string()),
  /** Checked in the preview at first: new, and nothing in the way. */
  selected: z.boolean(),
  /** False when it cannot be added as it stands (the notes say why). */
  importable: z.boolean(),
});
export type ImportCandidate = z.infer<typeof ImportCandidate>;

export const ImportPreview = z.object({
  source: ImportSource,
  /** The files read (the main one and its Includes), or "pasted text". */
  read: z.array(z.string()),
  candidates: z.array(ImportCandidate),
  /** What was skipped in the file as a whole (Match blocks, patterns, unsupported syntax …). */
  notes: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** The checked candidates, to add in one go; jump hosts of the same import are added first. */
export const ImportHostsRequest = z.object({
  /** libvirt URI for every imported host (neither file says it). */
  uri: z.string().trim().min(1).max(512).default('qemu:///system'),
  hosts: z
    .array(
      ImportCandidate.pick({
        key: true,
        name: true,
        address: true,
        port: true,
        user: true,
        keyPath: true,
        labels: true,
        jump: true,
      }),
    )
    .min(1, 'Check at least one host')
    .max(500),
});
export type ImportHostsRequest = z.input<typeof ImportHostsRequest>;

export const ImportHostsResult = z.object({
  /** Each added host as its first connection attempt left it (a key to trust, connected …). */
  added: z.array(z.object({ key: z.string(), hostId: HostId })),
  failed: z.array(z.object({ key: z.string(), name: z.string(), message: z.string() })),
});
export type ImportHostsResult = z.infer<typeof ImportHostsResult>;
