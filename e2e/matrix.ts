/**
 * What the e2e suite runs, read by playwright.config.ts and the specs alike (no Playwright import
 * here, so the config can load it).
 *
 * `E2E_FULL=1` runs the whole matrix: every spec in both languages and against both response
 * shapes. By default the suite runs once, in pt-BR against the root shape; English and the envelope
 * shape are each covered by the `@smoke` cashier flow, by the i18n key test and by the contract,
 * api-client and sandbox tests below Playwright.
 */
export const FULL_MATRIX = process.env.E2E_FULL === '1'

/** Tag of the cashier-flow test that the envelope project runs. */
export const SMOKE = '@smoke'

/** The languages a spec written for both runs in. */
export const specLanguages = FULL_MATRIX ? (['pt-BR', 'en'] as const) : (['pt-BR'] as const)
