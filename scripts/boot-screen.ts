/**
 * Moves the app's stylesheet from <head> to the end of <body>, after the boot screen (#root's
 * static content in index.html, styled inline). A stylesheet in <head> holds back the first paint
 * until it arrives; in <body> Chromium paints what comes before it at once and holds the parser
 * there, and the module script (deferred) still runs only after the stylesheet is in, so the
 * React screens never show unstyled.
 */
import type { Plugin } from 'vite'

const STYLESHEET = /^[ \t]*<link rel="stylesheet"[^>]*>\n?/gm

export function moveStylesheetsAfterBootScreen(html: string): string {
  const links = html.match(STYLESHEET) ?? []
  if (links.length === 0) return html
  const body = html.replace(STYLESHEET, '')
  const at = body.lastIndexOf('</body>')
  if (at < 0) throw new Error('index.html has no </body>')
  return `${body.slice(0, at)}${links.map((link) => `  ${link.trim()}\n`).join('')}${body.slice(at)}`
}

export function bootScreenPlugin(): Plugin {
  return {
    name: 'zupy-pos:boot-screen',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: moveStylesheetsAfterBootScreen },
  }
}
