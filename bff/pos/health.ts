import type { BffContext } from '../context'
import type { BffEnv } from '../env'
import type { SharedState } from '../state/store'
import type { Upstream } from '../upstream'

const HEALTH_PROBE_TIMEOUT_MS = 2000
const HEALTH_CACHE_MS = 5000
const HEALTH_PROBE_TARGET = '/api/v2/rewards/?page_size=1'

interface HealthUpstream {
  reachable: boolean
  latency_ms: number | null
}

/**
 * GET /api/pos/health: the BFF is up, whether the partner API answers (probed, cached), and
 * where the security counters and sign-outs live (`shared_state`; "unavailable" means Redis is
 * configured but away, and this instance's memory stands in: still a 200, the till serves on).
 */
export function createHealthCheck(
  mode: BffEnv['mode'],
  upstream: Upstream,
  sharedState: () => SharedState,
): (c: BffContext) => Promise<Response> {
  let health: { at: number; value: Promise<HealthUpstream> } | null = null
  const probeUpstream = (requestId: string): Promise<HealthUpstream> => {
    if (health && performance.now() - health.at < HEALTH_CACHE_MS) return health.value
    const value = upstream
      .send({
        method: 'GET',
        target: HEALTH_PROBE_TARGET,
        requestId,
        timeoutMs: HEALTH_PROBE_TIMEOUT_MS,
      })
      .then((result): HealthUpstream => {
        const reachable = result.kind === 'answer' || result.answered
        return { reachable, latency_ms: reachable ? result.durationMs : null }
      })
      .catch((): HealthUpstream => ({ reachable: false, latency_ms: null }))
    const entry = { at: performance.now(), value }
    health = entry
    // The cache window starts when the answer arrives, not when the probe left.
    void value.then(() => {
      entry.at = performance.now()
    })
    return value
  }

  return async (c) => {
    const probe = await probeUpstream(c.get('requestId'))
    return c.json({ status: 'ok', mode, upstream: probe, shared_state: sharedState() })
  }
}
