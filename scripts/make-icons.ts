/**
 * Renders the app icons of the web app manifest from public/favicon.svg with headless Chromium.
 * Run once after changing the logo (`npx tsx scripts/make-icons.ts`) and commit the PNGs: the
 * build only copies them, so it never needs a browser.
 *
 * - icon-192.png, icon-512.png (purpose "any"): the favicon as it is, rounded corners transparent;
 * - icon-maskable-512.png (purpose "maskable"): the purple square to the edges and the mark scaled
 *   into the central safe circle (radius 40 %), so a launcher's circle or squircle mask cuts no part
 *   of it;
 * - apple-touch-icon.png (180): opaque like the maskable one; iOS rounds the corners itself and
 *   would fill transparent ones with black.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../playwright.config'

const publicDir = fileURLToPath(new URL('../public/', import.meta.url))
const favicon = readFileSync(`${publicDir}favicon.svg`, 'utf8')

/** The favicon's parts: its view box, the rounded background square, and the mark on it. */
function parts(svg: string) {
  const match =
    /<svg[^>]*viewBox="0 0 (\d+) (\d+)"[^>]*>\s*(<rect[^>]*fill="(#[0-9A-Fa-f]{6})"[^>]*\/>)([\s\S]*)<\/svg>/.exec(
      svg,
    )
  if (!match) throw new Error('favicon.svg: expected a viewBox, a background <rect> and the mark')
  const [, width = '', height = '', , background = '', mark = ''] = match
  if (width !== height) throw new Error('favicon.svg: expected a square viewBox')
  return { size: Number(width), background, mark: mark.trim() }
}

const { size, background, mark } = parts(favicon)

/**
 * The mark (with the green dot in the corner) reaches 27.6 units from the centre of the 64-unit
 * square, 43 % of it; 0.8 brings it to 35 %, inside the 40 % safe circle.
 */
const MASKABLE_SCALE = 0.8

const fullBleed = (scale: number) => {
  const centre = size / 2
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" fill="${background}"/>
  <g transform="translate(${centre} ${centre}) scale(${scale}) translate(${-centre} ${-centre})">${mark}</g>
</svg>`
}

const icons = [
  { file: 'icons/icon-192.png', px: 192, svg: favicon },
  { file: 'icons/icon-512.png', px: 512, svg: favicon },
  { file: 'icons/icon-maskable-512.png', px: 512, svg: fullBleed(MASKABLE_SCALE) },
  { file: 'icons/apple-touch-icon.png', px: 180, svg: fullBleed(MASKABLE_SCALE) },
]

const browser = await chromium.launch({
  ...(chromiumPath ? { executablePath: chromiumPath } : {}),
  args: chromiumArgs,
})
try {
  for (const icon of icons) {
    const page = await browser.newPage({
      viewport: { width: icon.px, height: icon.px },
      deviceScaleFactor: 1,
    })
    const sized = icon.svg.replace('<svg ', `<svg width="${icon.px}" height="${icon.px}" `)
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
    )
    await page.locator('svg').screenshot({
      path: `${publicDir}${icon.file}`,
      omitBackground: true,
    })
    await page.close()
    console.log(`wrote public/${icon.file} (${icon.px}×${icon.px})`)
  }
} finally {
  await browser.close()
}
