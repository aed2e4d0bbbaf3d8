// Progress that tells the truth: while a bulk invitation waits for the server (a 429 with
// Retry-After pauses the connection), its progress says it is waiting and why, instead of standing
// still; once the wait is over the status goes. Against the emulator's rate limit, over real HTTP.
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { CliHost } from '../../../src/cli/host.js'
import { input } from '../../../src/engine/index.js'
import { newVcsUserInvitation } from '../../../src/library/vcs.js'
import { configure, errorMessages, stats, useEmulator } from './emulator.js'

const bed = useEmulator()

describe('bulk-invite progress during throttling', () => {
  it('a Retry-After wait shows as "waiting N s: server rate limit", then clears', async () => {
    // Two requests a second, Retry-After in whole seconds: the job has to wait at least once.
    await configure(bed, { rateLimit: { requestsPerSecond: 0.5, retryAfter: true, burst: 3 } })
    const rows = Array.from({ length: 12 }, (_, i) => ({ Email: `slow${i}@throttled.example` }))
    const out = await input(rows)
      .pipe(newVcsUserInvitation({ batchSize: 3 }))
      .in(bed.session)
    await configure(bed, { rateLimit: null })
    expect(errorMessages(bed.host)).toEqual([])
    expect(out).toHaveLength(12)
    expect((await stats(bed)).rateLimited).toBeGreaterThan(0)
    const records = bed.host.progress.filter((record) => record.activity === 'Inviting users')
    const waiting = records.findIndex((record) =>
      /^waiting \d+ s: server rate limit$/.test(record.status ?? ''),
    )
    expect(waiting, JSON.stringify(records.map((r) => r.status))).toBeGreaterThanOrEqual(0)
    // Later records (answers after the wait) no longer say it.
    expect(records.slice(waiting + 1).some((record) => record.status === undefined)).toBe(true)
    expect(records.at(-1)).toMatchObject({ done: true })
  })

  it('the one-shot progress line shows the wait instead of a rate and an ETA', () => {
    let text = ''
    const stream = Object.assign(
      new Writable({
        write(chunk, _, done) {
          text += String(chunk)
          done()
        },
      }),
      { isTTY: true, columns: 100 },
    ) as unknown as NodeJS.WriteStream
    const host = new CliHost(stream, 100)
    host.writeProgress({
      id: 1,
      activity: 'Inviting users',
      completed: 40,
      total: 300,
      rate: 2,
      etaSeconds: 130,
      status: 'waiting 3 s: server rate limit',
    })
    expect(text).toContain('Inviting users: 40/300, waiting 3 s: server rate limit')
    expect(text).not.toContain('left')
  })
})
