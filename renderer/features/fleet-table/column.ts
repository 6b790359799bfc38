import type { ReactNode } from 'react';
import type { SortKey } from './table-view';

/** One column of a fleet table: its header, its width before the admin drags it, its cell. */
export interface Column<R> {
  id: string;
  title: string;
  /** The header's tooltip: what the figure is and where it comes from. */
  help: string;
  width: number;
  /** Figures line up on the right. */
  numeric?: boolean;
  sortKey: (row: R) => SortKey;
  cell: (row: R) => ReactNode;
}
