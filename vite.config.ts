import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import { bootScreenPlugin } from './scripts/boot-screen'
import { precompressPlugin } from './scripts/precompress'
import { serviceWorkerPlugin } from './scripts/service-worker-build'

// In development the BFF (npm run dev) listens on BFF_PORT; Vite proxies the API to it so the
// browser still sees one origin, as in production where the BFF serves dist/ itself.
const bffPort = process.env.BFF_PORT ?? '3000'

export default defineConfig({
  // The service worker (dist/sw.js) is written after the build, with the list of its files; then
  // every compressible file, sw.js included, gets its .br and .gz (in this order: post hooks run
  // in plugin order, and the worker must not list the compressed copies).
  plugins: [react(), tailwindcss(), bootScreenPlugin(), serviceWorkerPlugin(), precompressPlugin()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': `http://127.0.0.1:${bffPort}` },
  },
  build: { sourcemap: true, manifest: true },
})
