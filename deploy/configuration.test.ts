import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The configuration a store reads lives in two places, the README's table and .env.example (the
 * file an installer copies); both must name the same variables, or one of them misleads.
 */
const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')

function readmeVariables(): string[] {
  const readme = read('README.md')
  const section = readme.slice(readme.indexOf('## Configuration'))
  // Up to the next heading: the run-time table. The tooling-only table under "###" (development,
  // tests, benchmarks) is read from the real environment and is not in .env.example.
  const table = section.slice(0, section.search(/\n##+ /))
  return [...table.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((match) => match[1] ?? '').sort()
}

function exampleVariables(): string[] {
  return [...read('.env.example').matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)]
    .map((match) => match[1] ?? '')
    .sort()
}

describe('.env.example', () => {
  it("names every variable of the README's run-time configuration table, and no other", () => {
    expect(readmeVariables().length).toBeGreaterThan(10)
    expect(exampleVariables()).toEqual(readmeVariables())
  })

  it('sets nothing by default: every variable is commented out', () => {
    expect(read('.env.example').match(/^[A-Z][A-Z0-9_]*=/gm)).toBeNull()
  })
})
