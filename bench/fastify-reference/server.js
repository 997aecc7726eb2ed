// The reference proxy for `npm run bench:proxy` (scripts/bench-proxy.ts): fastify and
// @fastify/http-proxy in their plain form, forwarding /api/v2/* to the stub upstream with the API
// key added. No session, CSRF, route table or logs: this is the ceiling the BFF is compared with.
// Bench-only: its own package.json, outside the POS's `npm ci --engine-strict` (fastify's
// dependencies ask for Node >= 22; it runs on the project's Node 20 all the same).
import Fastify from 'fastify'
import proxy from '@fastify/http-proxy'

const upstream = process.env.UPSTREAM_URL
const apiKey = process.env.ZUPY_API_KEY
const port = Number(process.env.PORT)
if (!upstream || !apiKey || !port) {
  console.error('UPSTREAM_URL, ZUPY_API_KEY and PORT are required')
  process.exit(1)
}

const app = Fastify({ logger: false })
await app.register(proxy, {
  upstream,
  prefix: '/api/v2',
  rewritePrefix: '/api/v2',
  // The same pool size the BFF uses upstream (bff/upstream.ts).
  undici: { connections: 32, pipelining: 1 },
  replyOptions: {
    rewriteRequestHeaders: (_request, headers) => ({ ...headers, 'x-api-key': apiKey }),
  },
})
await app.listen({ host: '127.0.0.1', port })
process.stderr.write(`fastify reference on http://127.0.0.1:${port} → ${upstream}\n`)
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    void app.close().then(() => process.exit(0))
  })
