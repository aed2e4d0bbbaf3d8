// scripts/bench/sync.mjs --quick runs end to end (a smoke test, never a time): its rows are in
// run.mjs's format, and the sync left nothing to do.
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Runs `node args` to its end (killed after `ms`): exit code, stdout, stderr. */
function runNode(args: string[], ms: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { timeout: ms }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('scripts/bench/sync.mjs --quick', () => {
  it('prints its two rows; the sync sent about the requests it needs and left nothing to do', async () => {
    const result = await runNode([resolve('scripts/bench/sync.mjs'), '--quick'], 170_000)
    expect(result.code, result.stderr).toBe(0)
    const rows = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('| sync '))
      .map((line) => line.slice(2, -2).split(' | '))
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(row).toHaveLength(6)
    expect(rows[0][0]).toMatch(
      /^sync 500 users, 10% drift \(25 role changes, 15 invitations, 5 revocations, 5 removals/,
    )
    const [sent, , left] = rows[1][1].split(' / ').map(Number)
    const needed = Number(/^(\d+) requests needed/.exec(rows[1][2])?.[1])
    expect(left).toBe(0)
    expect(rows[1][5]).toBe('PASS')
    // Exactly the requests the sync needs: no listing twice, no request per user that a batch covers.
    expect(sent).toBe(needed)
  })
})
