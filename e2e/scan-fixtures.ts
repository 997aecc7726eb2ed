import { renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'

/**
 * The fake-camera streams of the scan specs: one QR frame each, written by global-setup.ts and
 * played by Chromium on a loop (`--use-file-for-fake-video-capture`). The codes are fixed (from
 * the sandbox's unambiguous alphabet) so a spec can create the coupon the stream shows.
 */
export const FIXTURE_DIR = join(import.meta.dirname, '.fixtures')

/** Chromium flags for a fake camera that plays `file` and is allowed without a prompt. */
export function fakeCameraArgs(file: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ]
}

export interface CameraFixture {
  file: string
  /** What the QR holds. */
  text: string
  /** The coupon code the app should read out of it. */
  code: string
  /** Luma of the dark modules and of the background (Y4M, 16-235). */
  dark: number
  light: number
  /** Pixels per module. */
  scale: number
}

const fixture = (name: string, f: Omit<CameraFixture, 'file'>): CameraFixture => ({
  file: join(FIXTURE_DIR, `${name}.y4m`),
  ...f,
})

export const CAMERA_FIXTURES = {
  /** A code the spec creates fresh in the sandbox. */
  fresh: fixture('fresh', {
    text: 'CZ-SCAN2345',
    code: 'CZ-SCAN2345',
    dark: 16,
    light: 235,
    scale: 8,
  }),
  /** A code no sandbox ever has. */
  unknown: fixture('unknown', {
    text: 'CZ-NQ8R3TWX',
    code: 'CZ-NQ8R3TWX',
    dark: 16,
    light: 235,
    scale: 8,
  }),
  /** A link with the code in lower case, as a printed QR might carry it. */
  url: fixture('url', {
    text: 'https://zupy.example/c/cz-urkm5h6j?utm_source=qr',
    code: 'CZ-URKM5H6J',
    dark: 16,
    light: 235,
    scale: 6,
  }),
  /** Light modules on a dark ground: html5-qrcode's own decoder never reads these. */
  inverted: fixture('inverted', {
    text: 'CZ-NVRT2345',
    code: 'CZ-NVRT2345',
    dark: 235,
    light: 16,
    scale: 8,
  }),
  /** Grey on light grey (150 on 200): html5-qrcode's own decoder reads none of these either. */
  lowContrast: fixture('low-contrast', {
    text: 'CZ-KWCT6789',
    code: 'CZ-KWCT6789',
    dark: 150,
    light: 200,
    scale: 8,
  }),
} as const satisfies Record<string, CameraFixture>

const WIDTH = 640
const HEIGHT = 480

/**
 * One 640×480 frame in YUV4MPEG2 (4:2:0, neutral chroma), the QR centred, drawn from `qrcode`'s
 * module matrix in pure Node (no ffmpeg). Recipe from toolchain.md §4.
 */
export function writeQrY4m({ file, text, dark, light, scale }: CameraFixture): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  const x0 = Math.floor((WIDTH - n * scale) / 2)
  const y0 = Math.floor((HEIGHT - n * scale) / 2)
  const luma = Buffer.alloc(WIDTH * HEIGHT, light)
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!modules.get(row, col)) continue
      for (let d = 0; d < scale; d++) {
        const offset = (y0 + row * scale + d) * WIDTH + x0 + col * scale
        luma.fill(dark, offset, offset + scale)
      }
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n`)
  const chroma = Buffer.alloc((WIDTH * HEIGHT) / 2, 128)
  // Written aside, then renamed: another e2e run on this machine may be streaming the old file.
  const partial = `${file}.${process.pid}.tmp`
  writeFileSync(partial, Buffer.concat([header, luma, chroma]))
  renameSync(partial, file)
}
