// Sums a V8 .cpuprofile (node --cpu-prof) by function and by file: self time, top N.
// Usage: node bench/cpu-profile-summary.js <file.cpuprofile> [top=30]
import { readFileSync } from 'node:fs'

const [file, topArg] = process.argv.slice(2)
if (!file) {
  console.error('usage: node bench/cpu-profile-summary.js <file.cpuprofile> [top]')
  process.exit(1)
}
const top = Number(topArg ?? 30)
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const intervals = profile.timeDeltas
const selfUs = new Map()
profile.samples.forEach((id, index) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (intervals[index] ?? 0))
})
const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0)

const shortUrl = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'npm:')
    .replace(/^.*\/work\/main\//, '')
const byFunction = new Map()
const byFile = new Map()
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id)
  const where = shortUrl(callFrame.url) || '(native)'
  const fn = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us)
  const pkg = where.startsWith('npm:')
    ? where
        .split('/')
        .slice(0, where.startsWith('npm:@') ? 2 : 1)
        .join('/')
    : where.startsWith('node:')
      ? 'node: internals'
      : where
  byFile.set(pkg, (byFile.get(pkg) ?? 0) + us)
}
const print = (title, map) => {
  console.log(`\n${title}`)
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
}
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`)
print('Self time by package / file', byFile)
print('Self time by function', byFunction)
