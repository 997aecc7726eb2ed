/**
 * Classes for a table that stacks on a phone: each row a small grid of labelled values (the
 * column's name above each, from the cell's `data-label`), a plain table from `sm` up. No
 * sideways scrolling at arm's length. The elements carry explicit ARIA table roles: a table
 * whose display is changed by CSS loses its implicit ones in some browsers.
 */
export const stacked = {
  table: 'block w-full text-left sm:table sm:border-collapse',
  head: 'sr-only sm:not-sr-only sm:table-header-group',
  headRow: 'border-b-2 border-line text-ink-subtle',
  body: 'block sm:table-row-group',
  /** Add the phone's grid-cols-N. */
  row: 'grid gap-x-4 gap-y-2 border-b border-line py-3 align-top last:border-b-0 sm:table-row',
  cell: [
    'block min-w-0 sm:table-cell sm:py-3 sm:pr-3 sm:last:pr-0',
    'before:block before:text-sm before:font-normal before:text-ink-subtle before:content-[attr(data-label)] sm:before:content-none',
  ].join(' '),
  headCell: 'py-2 pr-3 font-semibold last:pr-0',
} as const
