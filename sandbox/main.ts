/**
 * `npm run sandbox`: the Zupy partner API emulator on 127.0.0.1, configured from ZUPY_SANDBOX_*.
 */
import { parseSandboxEnv, type SandboxConfig } from './config'
import { SEED } from './seed'
import { startSandbox } from './server'

let config: SandboxConfig
try {
  config = parseSandboxEnv(process.env)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}

const sandbox = await startSandbox(config, {
  log: (line) => {
    console.log(line)
  },
})

const c = SEED.customers
const demo = [c.maria, c.joao, c.ana, c.pedro, c.carla]
const pad = (text: string, width: number) => text.padEnd(width)
console.log(
  [
    `Zupy sandbox listening on ${sandbox.url}`,
    `  API key (X-API-Key): ${config.apiKey}`,
    `  shape=${config.shape}  otp_policy=${config.otpPolicy}  rate_limit=${config.rateLimitPerMinute ?? 'off'}  db=${config.dbPath ?? 'in-memory'}`,
    '  Demo customers:',
    ...demo.map(
      (x) =>
        `    ${pad(x.fullName, 14)} ${pad(x.phone, 15)} ${pad(x.cardNumber, 11)} ${String(x.pointsBalance).padStart(5)} pts  id ${x.id}`,
    ),
    `  Demo coupons: ${SEED.coupons.mariaActive.code} (Maria, active), ${SEED.coupons.mariaMultiUse.code} (Maria, 2 of 3 uses left), ${SEED.coupons.mariaUsed.code} (used)`,
    `  Try: curl -H 'X-API-Key: ${config.apiKey}' '${sandbox.url}/api/v2/customers/?phone=11987654321'`,
    `  OTP codes are printed here; control routes live under ${sandbox.url}/_sandbox/ (see sandbox/SEED.md).`,
  ].join('\n'),
)

let stopping = false
function stop(signal: string): void {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: closing the sandbox…`)
  void sandbox.close().then(() => process.exit(0))
}
process.on('SIGINT', () => {
  stop('SIGINT')
})
process.on('SIGTERM', () => {
  stop('SIGTERM')
})
