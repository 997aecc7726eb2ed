/**
 * Which build this page runs, when the deploy named it (`VITE_BUILD_ID=<commit> npm run build`):
 * Settings shows it, so "is this till on the new version?" has an answer. Vite puts any
 * `VITE_`-prefixed environment variable into the bundle at build time.
 */
export const BUILD_ID: string | undefined = import.meta.env.VITE_BUILD_ID || undefined
