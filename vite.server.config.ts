import { defineConfig } from 'vite'

/**
 * `npm run build`'s second half: the BFF (and the sandbox it starts in sandbox mode) bundled to
 * plain JavaScript in dist-server/, so `npm run start:prod` runs with `node` alone: no tsx, no
 * Vite, no devDependency at run time. Packages stay external (Vite's SSR default): they are
 * `dependencies`, installed beside the bundle, and better-sqlite3 is a native addon anyway.
 *
 * dist-server/ sits one folder below the project root, like bff/, so the paths main.ts and
 * package-version.ts build from import.meta.url (../dist, ../.env, ../package.json) hold in both.
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rolldownOptions: {
      input: { main: 'bff/main.ts', sandbox: 'sandbox/main.ts' },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
})
