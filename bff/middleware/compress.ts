import type { MiddlewareHandler } from 'hono'
import { compressAnswer } from '../compression'
import { isApiPath, type BffBindings } from '../context'

/**
 * API answers over 1 KB go out compressed when the client accepts it; static files come
 * precompressed from the build (static-files.ts).
 */
export const compressApiAnswers: MiddlewareHandler<BffBindings> = async (c, next) => {
  await next()
  if (c.req.method === 'HEAD' || !isApiPath(c.get('path') ?? '')) return
  const compressed = await compressAnswer(c.res, c.req.header('accept-encoding'))
  if (compressed === c.res) return
  // Hono copies the old answer's headers onto a new one (Content-Length among them): start over.
  c.res = undefined
  c.res = compressed
}
