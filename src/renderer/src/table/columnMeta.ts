import type { RowData } from '@tanstack/react-table'

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Class for the column's header and cells (e.g. `num` right-aligns numbers). */
    className?: string
  }
}

export {}
