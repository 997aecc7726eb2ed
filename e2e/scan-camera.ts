import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { fakeCameraArgs, type CameraFixture } from './scan-fixtures'

/*
 * Shared by the scan-camera-*.spec.ts files. A real camera stream: Chromium's fake capture device
 * plays a one-frame Y4M of a QR code (e2e/global-setup.ts writes them). The file is a launch flag:
 * `cameraArgs` (e2e/fixtures.ts) runs the page in a full browser launched with it.
 */

/** Call at the top of a spec file: the browser plays `fixture`, with the camera allowed. */
export function useCamera(fixture: CameraFixture) {
  test.use({ permissions: ['camera'], cameraArgs: fakeCameraArgs(fixture.file) })
}

const seen = { offOrigin: [] as string[], wasm: [] as string[] }

/** The .wasm URLs the page requested (for the current test). */
export const wasmRequests = () => seen.wasm

/**
 * Call at the top of a spec file: English UI, no request off 127.0.0.1, no console error, every
 * camera track recorded, and the sandbox on the `trusted` OTP policy.
 */
export function installCameraChecks() {
  test.use({ locale: 'en-US' })
  test.beforeEach(async ({ page, sandbox, baseURL }) => {
    seen.offOrigin = []
    seen.wasm = []
    page.on('request', (request) => {
      if (request.url().endsWith('.wasm')) seen.wasm.push(request.url())
    })
    // Nothing may leave the machine (barcode-detector's default would fetch its .wasm from a CDN).
    const origin = new URL(baseURL ?? '').origin
    await page.context().route(
      (url) => url.origin !== origin,
      async (route) => {
        seen.offOrigin.push(route.request().url())
        await route.abort()
      },
    )
    // Every camera track the page opens, to check they all end when the cashier leaves.
    await page.addInitScript(() => {
      const tracks: MediaStreamTrack[] = []
      Object.assign(window, { __cameraTracks: tracks })
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await original(constraints)
        tracks.push(...stream.getTracks())
        return stream
      }
    })
    // Validate without the OTP step: these specs are about scanning, the OTP has its own.
    await sandbox.settings({ otp_policy: 'trusted' })
  })

  test.afterEach(() => {
    expect(seen.offOrigin, 'requests that left 127.0.0.1').toEqual([])
  })
}

/**
 * The first verdict of a page comes after the scanner chunk, the 1 MB .wasm and the camera: give
 * a loaded CI box room. The time that matters, camera start → verdict, is measured on its own.
 */
export const FIRST_READ = { timeout: 15_000 }

export const result = (page: Page) => page.getByRole('region', { name: 'Scan result' })
export const verdict = (page: Page, name: string) =>
  result(page).getByRole('heading', { level: 2, name, exact: true })

/** The app's own marks: camera start (Html5Qrcode.start) → verdict rendered for the read. */
export async function cameraToVerdictMs(page: Page): Promise<number> {
  const marks = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null
    return {
      engine: at('zupy-scan:engine-requested'),
      start: at('zupy-scan:camera-start'),
      ready: at('zupy-scan:camera-ready'),
      decoded: at('zupy-scan:decoded'),
      verdict: at('zupy-scan:verdict'),
    }
  })
  const { engine, start, ready, decoded, verdict: shown } = marks
  if (engine === null || start === null || ready === null || decoded === null || shown === null) {
    throw new Error(`missing performance marks: ${JSON.stringify(marks)}`)
  }
  const ms = (from: number, to: number) => `${Math.round(to - from)} ms`
  console.log(
    `scan timing: camera start → verdict ${ms(start, shown)} (start → frames ${ms(start, ready)}, ` +
      `frames → decoded ${ms(ready, decoded)}, decoded → verdict ${ms(decoded, shown)}; ` +
      `scanner chunk + .wasm before that: ${ms(engine, start)})`,
  )
  return shown - start
}

export async function liveTracks(page: Page) {
  return page.evaluate(() =>
    (window as unknown as { __cameraTracks: MediaStreamTrack[] }).__cameraTracks.map(
      (track) => track.readyState,
    ),
  )
}
