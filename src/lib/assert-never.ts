/**
 * Marks a branch the type checker proves unreachable (the default of an exhaustive switch). If a
 * new union member slips through at runtime anyway, this fails loudly instead of rendering nothing.
 */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`)
}
