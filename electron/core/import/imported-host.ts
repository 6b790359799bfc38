import type { Labels } from '../../../shared/domain/host';

/** One host as a file describes it, before jump hosts and the console's own hosts are looked at. */
export interface ImportedHost {
  key: string;
  name: string;
  address: string;
  port: number;
  user: string;
  keyPath?: string;
  labels: Labels;
  /** The jump host as written: `bastion`, `user@host:port`, a chain `a,b` … */
  jumpSpec?: string;
  notes: string[];
  /** False: cannot be added as it stands. */
  importable: boolean;
  /** False: importable, but not checked at first (the notes say what may not work). */
  selectable: boolean;
}

/** A file read for import: its hosts, what was skipped in it as a whole, the files read. */
export interface ImportReading {
  read: string[];
  notes: string[];
  hosts: ImportedHost[];
}
