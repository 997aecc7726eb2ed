import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { moveStylesheetsAfterBootScreen } from './boot-screen'

const built = `<!doctype html>
<html lang="pt-BR">
  <head>
    <style>.boot { margin: 0 auto; }</style>
    <script type="module" crossorigin src="/assets/index-a.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-b.js">
    <link rel="stylesheet" crossorigin href="/assets/index-c.css">
  </head>
  <body>
    <div id="root"><div class="boot">Zupy POS</div></div>
  </body>
</html>
`

describe('moveStylesheetsAfterBootScreen', () => {
  it('takes the stylesheet out of <head> and puts it after the boot screen, before </body>', () => {
    const html = moveStylesheetsAfterBootScreen(built)
    const head = html.slice(0, html.indexOf('</head>'))
    expect(head).not.toContain('rel="stylesheet"')
    // The module script and its preloads stay in <head>: they never held back the first paint.
    expect(head).toContain('<script type="module" crossorigin src="/assets/index-a.js">')
    expect(head).toContain('rel="modulepreload"')
    const link = html.indexOf('<link rel="stylesheet" crossorigin href="/assets/index-c.css">')
    expect(link).toBeGreaterThan(html.indexOf('<div class="boot">'))
    expect(link).toBeLessThan(html.indexOf('</body>'))
  })

  it('leaves a page without a stylesheet as it is', () => {
    const plain = built.replace(/^.*rel="stylesheet".*\n/m, '')
    expect(moveStylesheetsAfterBootScreen(plain)).toBe(plain)
  })

  it('matches index.html: a styled boot screen inside #root, and no script inline', () => {
    const source = readFileSync(new URL('../index.html', import.meta.url), 'utf8')
    expect(source).toMatch(/<div id="root">\s*<!--[^]*?-->\s*<div class="boot"/)
    expect(source).toMatch(/<style>[^]*\.boot \{/)
    // The CSP (script-src 'self') would refuse one; only the module entry is a script.
    expect(source.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/src/main.tsx">'])
  })
})
