// Remove-VcsUser -Force stopped mid-run (Ctrl+C, SIGTERM), as a real process against the emulator
// with latency: batches in flight get their answer, batches not started are not sent, and the stderr
// summary's "removed" is exactly how many users the server no longer has.
import { describe, expect, it } from 'vitest'
import { configure, ledgerSuite, note, startCli, summaryOf, until, type Emulator } from './ledger-helpers.js'

const suite = ledgerSuite()

const STAFF = '*@staff.demo.example'
const DELETE_USERS = 'DELETE /csp/gateway/am/api/v2/orgs/{orgId}/users'

/** How many generated staff users the server still has (listed through `vcs`, as any client sees). */
async function staffLeft(server: Emulator): Promise<number> {
  const result = await startCli(server, ['Get-VcsUser', '--email', STAFF, '--output', 'json']).done
  if (result.code !== 0) throw new Error(`listing users failed: ${result.stderr}`)
  const text = result.stdout.trim()
  return text ? (JSON.parse(text) as unknown[]).length : 0
}

describe('Remove-VcsUser -Force interrupted', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} mid-run: exit ${code}, the summary's removed = the users gone from the server`, async () => {
      const server = await suite.start({ users: 400 })
      const before = await staffLeft(server)
      expect(before).toBe(400)
      await configure(server, { latencyMs: 200 })
      const run = startCli(
        server,
        ['-c', `Get-VcsUser -Email '${STAFF}' | Remove-VcsUser -Force -ThrottleLimit 2`],
        { env: { VCS_DRAIN_SECONDS: '20' } },
      )
      // Stopped once some batches are answered and more are on their way.
      await until(() => (server.stats().requests[DELETE_USERS] ?? 0) >= 4, 'removals')
      run.child.kill(signal)
      const result = await run.done
      await configure(server, { latencyMs: 0 })
      expect(result.code, result.stderr).toBe(code)
      const summary = summaryOf(result.stderr)
      const gone = before - (await staffLeft(server))
      expect(summary.removed ?? 0).toBe(gone)
      expect(gone).toBeGreaterThan(0)
      expect(gone).toBeLessThan(400)
      expect(summary.unknown ?? 0).toBe(0)
      // Everyone selected is counted: removed, failed or not attempted.
      expect((summary.removed ?? 0) + (summary.failed ?? 0) + (summary['not attempted'] ?? 0)).toBe(400)
      note(`one-shot Remove-VcsUser -Force, ${signal}`, {
        exit: result.code,
        summary,
        server: { removed: gone },
      })
    })
  }
})
