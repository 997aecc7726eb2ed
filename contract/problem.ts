import { z } from 'zod'
import { ProblemBodySchema } from './problem-body'

export * from './problem-body'

/**
 * The problem body as a classic zod schema, for the BFF and the sandbox (their tests extend it,
 * e.g. `.loose()`). Same fields as {@link ProblemBodySchema}, which the SPA imports instead.
 */
export const ProblemSchema = z.object(ProblemBodySchema.shape)
