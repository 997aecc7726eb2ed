import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  claimReload,
  isFailedChunkLoad,
  RELOAD_GUARD_MS,
  reloadForNewBuild,
  useNewBuildRecovery,
  watchFailedChunkLoads,
  type ReloadDeps,
} from './new-build-recovery'

beforeAll(() => {
  watchFailedChunkLoads(window)
})

afterEach(() => {
  sessionStorage.clear()
  vi.restoreAllMocks()
})

/** What Vite's lazy-import wrapper does when a chunk cannot be fetched: the event, then the throw. */
function failedChunkLoad(): Error {
  const error = new TypeError(
    'Failed to fetch dynamically imported module: /assets/settings-old.js',
  )
  window.dispatchEvent(Object.assign(new Event('vite:preloadError'), { payload: error }))
  return error
}

const URL_SETTINGS = 'https://pos.test/settings'

function deps(
  overrides: Partial<ReloadDeps> = {},
): ReloadDeps & { reload: ReturnType<typeof vi.fn> } {
  return {
    fetch: vi.fn(() => Promise.resolve(new Response(null, { status: 200 }))),
    storage: () => sessionStorage,
    now: () => 1_000_000,
    reload: vi.fn(),
    ...overrides,
  } as ReloadDeps & { reload: ReturnType<typeof vi.fn> }
}

describe('isFailedChunkLoad', () => {
  it('recognises the errors Vite reported as a failed chunk, and only those', () => {
    expect(isFailedChunkLoad(failedChunkLoad())).toBe(true)
    expect(isFailedChunkLoad(new TypeError('Failed to fetch dynamically imported module'))).toBe(
      false,
    )
    expect(isFailedChunkLoad(new Error('Cannot read properties of undefined'))).toBe(false)
    expect(isFailedChunkLoad(undefined)).toBe(false)
  })
})

describe('claimReload', () => {
  it('allows one reload of an address per guard period', () => {
    const storage = () => sessionStorage
    expect(claimReload(URL_SETTINGS, storage, 0)).toBe(true)
    expect(claimReload(URL_SETTINGS, storage, RELOAD_GUARD_MS - 1)).toBe(false)
    expect(claimReload(URL_SETTINGS, storage, RELOAD_GUARD_MS)).toBe(true)
  })

  it('does not hold another address back', () => {
    const storage = () => sessionStorage
    expect(claimReload(URL_SETTINGS, storage, 0)).toBe(true)
    expect(claimReload('https://pos.test/scan', storage, 1)).toBe(true)
  })

  it('refuses when there is no session storage to remember it in (a reload could loop)', () => {
    expect(
      claimReload(
        URL_SETTINGS,
        () => {
          throw new DOMException('blocked', 'SecurityError')
        },
        0,
      ),
    ).toBe(false)
  })
})

describe('reloadForNewBuild', () => {
  it('reloads when the server answers, once per guard period', async () => {
    const d = deps()
    expect(await reloadForNewBuild(URL_SETTINGS, d)).toBe(true)
    expect(d.fetch).toHaveBeenCalledWith(URL_SETTINGS, { method: 'HEAD', cache: 'no-store' })
    expect(await reloadForNewBuild(URL_SETTINGS, d)).toBe(false)
    expect(d.reload).toHaveBeenCalledOnce()
  })

  it('does not reload into the browser’s error page when the server is unreachable or failing', async () => {
    const offline = deps({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) })
    expect(await reloadForNewBuild(URL_SETTINGS, offline)).toBe(false)
    const notBuilt = deps({ fetch: () => Promise.resolve(new Response(null, { status: 503 })) })
    expect(await reloadForNewBuild(URL_SETTINGS, notBuilt)).toBe(false)
    expect(offline.reload).not.toHaveBeenCalled()
    expect(notBuilt.reload).not.toHaveBeenCalled()
  })
})

describe('useNewBuildRecovery', () => {
  function wrapper(queryClient: QueryClient) {
    return ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    )
  }

  it('reloads for a failed chunk, and is recovering meanwhile (no error screen)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const d = deps()
    const error = failedChunkLoad()
    const { result } = renderHook(() => useNewBuildRecovery(error, d), {
      wrapper: wrapper(new QueryClient()),
    })
    expect(result.current).toBe(true)
    await waitFor(() => {
      expect(d.reload).toHaveBeenCalledOnce()
    })
    expect(result.current).toBe(true)
  })

  it('gives up (error screen) when the same address was just reloaded for this', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const d = deps()
    claimReload(window.location.href, d.storage, d.now())
    const error = failedChunkLoad()
    const { result } = renderHook(() => useNewBuildRecovery(error, d), {
      wrapper: wrapper(new QueryClient()),
    })
    await waitFor(() => {
      expect(result.current).toBe(false)
    })
    expect(d.reload).not.toHaveBeenCalled()
  })

  it('leaves any other error to the error screen', () => {
    const d = deps()
    const { result } = renderHook(() => useNewBuildRecovery(new Error('render bug'), d), {
      wrapper: wrapper(new QueryClient()),
    })
    expect(result.current).toBe(false)
    expect(d.fetch).not.toHaveBeenCalled()
  })

  it('waits for a redeem or validate in flight before reloading', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const d = deps()
    const queryClient = new QueryClient()
    let answer: () => void = () => undefined
    // The cashier pressed "Use coupon", then left for a screen whose chunk is gone.
    const spend = queryClient.getMutationCache().build(queryClient, {
      mutationFn: () =>
        new Promise<void>((resolve) => {
          answer = resolve
        }),
    })
    const done = spend.execute(undefined)
    const error = failedChunkLoad()
    const { result } = renderHook(() => useNewBuildRecovery(error, d), {
      wrapper: wrapper(queryClient),
    })
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(result.current).toBe(true)
    expect(d.fetch).not.toHaveBeenCalled()

    await act(async () => {
      answer()
      await done
    })
    await waitFor(() => {
      expect(d.reload).toHaveBeenCalledOnce()
    })
  })
})
