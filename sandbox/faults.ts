import type { Socket } from 'node:net'
import type { ServerResponse } from 'node:http'
import type { MiddlewareHandler } from 'hono'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { z } from 'zod'
import {
  nodeBindings,
  rawPath,
  type SandboxContext,
  type SandboxEnv,
  type SandboxHonoContext,
} from './context'
import { problemForStatus } from './problems'

const Ms = z.number().int().min(0).max(120_000)

/** Forced upstream failures (reliability.md §4.2): how the BFF copes is what the tests prove. */
export const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('latency'), ms: Ms }),
  z.strictObject({
    kind: z.literal('status'),
    status: z.number().int().min(200).max(599),
    body: z.unknown().optional(),
  }),
  z.strictObject({ kind: z.literal('malformed-json') }),
  z.strictObject({ kind: z.literal('wrong-content-type') }),
  z.strictObject({ kind: z.literal('reset') }),
  z.strictObject({ kind: z.literal('hang') }),
  z.strictObject({ kind: z.literal('commit-then-drop') }),
  z.strictObject({ kind: z.literal('commit-then-delay'), ms: Ms }),
  z.strictObject({ kind: z.literal('truncated-body') }),
  z.strictObject({
    kind: z.literal('huge-body'),
    bytes: z
      .number()
      .int()
      .min(32)
      .max(256 * 1024 * 1024)
      .default(10 * 1024 * 1024),
  }),
  z.strictObject({ kind: z.literal('slow-drip'), ms: z.number().int().min(1).max(30_000) }),
])
export type Fault = z.infer<typeof FaultSchema>

export const FaultRuleInputSchema = z.strictObject({
  method: z
    .string()
    .regex(/^[A-Za-z]+$/)
    .optional(),
  /** A substring of the raw path, or `/regex/` (so `/validate/` is the regex `validate`). */
  path: z.string().min(1).optional(),
  count: z.number().int().min(1).default(1),
  fault: FaultSchema,
})

export interface FaultRule {
  id: number
  method: string | null
  path: string | null
  count: number
  remaining: number
  fault: Fault
  matcher: (path: string) => boolean
}

/** Longest a slow drip may take, however small `ms` per byte is and however big the body. */
export const SLOW_DRIP_CAP_MS = 30_000

let nextFaultId = 1

/** Builds a rule, or a message saying why the path pattern is unusable. */
export function createFaultRule(input: z.infer<typeof FaultRuleInputSchema>): FaultRule | string {
  let matcher: (path: string) => boolean = () => true
  const pattern = input.path
  if (pattern !== undefined) {
    if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
      try {
        const regex = new RegExp(pattern.slice(1, -1))
        matcher = (path) => regex.test(path)
      } catch (error) {
        return `path is not a valid regular expression: ${error instanceof Error ? error.message : ''}`
      }
    } else {
      matcher = (path) => path.includes(pattern)
    }
  }
  return {
    id: nextFaultId++,
    method: input.method?.toUpperCase() ?? null,
    path: pattern ?? null,
    count: input.count,
    remaining: input.count,
    fault: input.fault,
    matcher,
  }
}

export function describeFaultRule(rule: FaultRule) {
  const { matcher: _matcher, ...rest } = rule
  return rest
}

/** Takes one use of the first rule matching this request (rules apply in the order added). */
function takeFault(ctx: SandboxContext, method: string, path: string): Fault | undefined {
  const rules = ctx.state.faults
  const index = rules.findIndex(
    (rule) => (rule.method === null || rule.method === method) && rule.matcher(path),
  )
  const rule = rules[index]
  if (!rule) return undefined
  rule.remaining -= 1
  if (rule.remaining <= 0) rules.splice(index, 1)
  return rule.fault
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve()
      return
    }
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/** What a client sees when a connection dies; thrown by in-process (`app.request`) faults. */
export class SimulatedNetworkError extends TypeError {
  constructor(code: 'ECONNRESET' | 'UND_ERR_SOCKET', message: string) {
    super('fetch failed', { cause: Object.assign(new Error(message), { code }) })
    this.name = 'TypeError'
  }
}

interface Socketed {
  socket: Socket
  outgoing: ServerResponse
}

function socketOf(c: SandboxHonoContext): Socketed | undefined {
  const { incoming, outgoing } = nodeBindings(c)
  const socket = incoming?.socket
  return socket && outgoing ? { socket, outgoing } : undefined
}

/**
 * Tells @hono/node-server that the handler already wrote (or deliberately never will write).
 * Clearing first matters: assigning over an existing response makes Hono copy it into a new
 * Response, which the adapter would then try to write a second time.
 */
function markAlreadySent(c: SandboxHonoContext): void {
  c.res = undefined
  c.res = RESPONSE_ALREADY_SENT
}

function headersOf(res: Response, contentLength: number): Record<string, string> {
  const headers: Record<string, string> = {}
  res.headers.forEach((value, key) => {
    headers[key] = value
  })
  headers['content-length'] = String(contentLength)
  return headers
}

/** A valid JSON document of exactly `bytes` bytes, so a client's size limit is what trips. */
function hugeJson(bytes: number): string {
  const prefix = '{"padding":"'
  const suffix = '"}'
  return prefix + 'x'.repeat(bytes - prefix.length - suffix.length) + suffix
}

function dripStream(body: Uint8Array, ms: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const step = Math.max(1, Math.ceil((body.length * ms) / SLOW_DRIP_CAP_MS))
  let offset = 0
  return new ReadableStream({
    async pull(controller) {
      await sleep(ms, signal)
      controller.enqueue(body.subarray(offset, offset + step))
      offset += step
      if (offset >= body.length) controller.close()
    },
  })
}

function dripOverSocket(
  sock: Socketed,
  res: Response,
  body: Uint8Array,
  ms: number,
  signal: AbortSignal,
) {
  const step = Math.max(1, Math.ceil((body.length * ms) / SLOW_DRIP_CAP_MS))
  const { outgoing } = sock
  outgoing.writeHead(res.status, headersOf(res, body.length))
  outgoing.flushHeaders()
  let offset = 0
  const stop = () => {
    clearInterval(timer)
    signal.removeEventListener('abort', stop)
  }
  const timer = setInterval(() => {
    if (outgoing.destroyed) {
      stop()
      return
    }
    outgoing.write(body.subarray(offset, offset + step))
    offset += step
    if (offset >= body.length) {
      stop()
      outgoing.end()
    }
  }, ms)
  outgoing.once('close', stop)
  signal.addEventListener('abort', stop, { once: true })
}

/**
 * Applies the next matching fault. Socket-level faults act on the real connection when there is
 * one; under `app.request()` they are simulated the way `fetch` would report them, so in-process
 * callers (the BFF's tests) see the same failure classes.
 */
export function faultMiddleware(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const fault = takeFault(ctx, c.req.method, rawPath(c))
    if (!fault) {
      await next()
      return
    }
    const sock = socketOf(c)
    switch (fault.kind) {
      case 'latency':
        await sleep(fault.ms, ctx.signal)
        await next()
        return
      case 'status': {
        if ([204, 205, 304].includes(fault.status))
          return new Response(null, { status: fault.status })
        const body =
          fault.body === undefined ? problemForStatus(fault.status, c.req.path) : fault.body
        return new Response(JSON.stringify(body), {
          status: fault.status,
          headers: { 'Content-Type': 'application/json' },
        })
      }
      case 'malformed-json':
        return c.body('{"id": "2awTHloSJX7kGGprFerOOsvABcd", "full_name": "Maria', 200, {
          'Content-Type': 'application/json',
        })
      case 'wrong-content-type':
        // What a proxy's error page looks like when it sits in front of the API.
        return c.body('<html><body><h1>502 Bad Gateway</h1></body></html>', 200, {
          'Content-Type': 'text/html; charset=utf-8',
        })
      case 'huge-body':
        return c.body(hugeJson(fault.bytes), 200, { 'Content-Type': 'application/json' })
      case 'reset':
        if (!sock) throw new SimulatedNetworkError('ECONNRESET', 'read ECONNRESET')
        sock.socket.resetAndDestroy()
        markAlreadySent(c)
        return
      case 'hang':
        if (!sock) {
          await waitForAbort(c.req.raw.signal, ctx.signal)
          throw new SimulatedNetworkError('UND_ERR_SOCKET', 'the sandbox never answered')
        }
        markAlreadySent(c)
        return
      case 'commit-then-drop':
        await next()
        if (!sock) throw new SimulatedNetworkError('UND_ERR_SOCKET', 'other side closed')
        sock.socket.destroy()
        markAlreadySent(c)
        return
      case 'commit-then-delay':
        await next()
        await sleep(fault.ms, ctx.signal)
        return
      case 'truncated-body': {
        await next()
        const res = c.res
        const body = new Uint8Array(await res.arrayBuffer())
        const half = body.subarray(0, Math.floor(body.length / 2))
        if (!sock) {
          c.res = new Response(truncatedStream(half), {
            status: res.status,
            headers: headersOf(res, body.length),
          })
          return
        }
        sock.outgoing.writeHead(res.status, headersOf(res, body.length))
        sock.outgoing.write(half, () => sock.socket.destroy())
        markAlreadySent(c)
        return
      }
      case 'slow-drip': {
        await next()
        const res = c.res
        const body = new Uint8Array(await res.arrayBuffer())
        if (!sock) {
          c.res = new Response(dripStream(body, fault.ms, ctx.signal), {
            status: res.status,
            headers: headersOf(res, body.length),
          })
          return
        }
        dripOverSocket(sock, res, body, fault.ms, ctx.signal)
        markAlreadySent(c)
        return
      }
    }
  }
}

function truncatedStream(half: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false
  return new ReadableStream({
    pull(controller) {
      if (!sent) {
        sent = true
        controller.enqueue(half)
        return
      }
      controller.error(new SimulatedNetworkError('UND_ERR_SOCKET', 'other side closed'))
    },
  })
}

function waitForAbort(...signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) {
      resolve()
      return
    }
    for (const signal of signals)
      signal.addEventListener(
        'abort',
        () => {
          resolve()
        },
        { once: true },
      )
  })
}
