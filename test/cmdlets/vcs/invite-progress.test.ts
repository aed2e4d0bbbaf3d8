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

  it('e-mails given as a parameter: the bar knows its total, and ends at it', async () => {
    const emails = Array.from({ length: 7 }, (_, i) => `given${i}@total.example`)
    bed.host.progress.length = 0
    await newVcsUserInvitation({ email: emails, batchSize: 3 }).in(bed.session)
    const records = bed.host.progress.filter((record) => record.activity === 'Inviting users')
    expect(records.length).toBeGreaterThan(0)
    expect(records.every((record) => record.total === 7)).toBe(true)
    expect(records.at(-1)).toMatchObject({ done: true, completed: 7, total: 7 })
  })

  it('piped rows: the bar moves per acknowledged batch, before the invitations are listed at the end', async () => {
    // One batch at a time with latency: each answer is its own moment.
    await configure(bed, { latencyMs: 150 })
    bed.host.progress.length = 0
    const rows = Array.from({ length: 12 }, (_, i) => ({ Email: `batch${i}@acked.example` }))
    await input(rows)
      .pipe(newVcsUserInvitation({ batchSize: 3, throttleLimit: 1 }))
      .in(bed.session)
    await configure(bed, { latencyMs: 0 })
    const records = bed.host.progress.filter((record) => record.activity === 'Inviting users')
    expect(records.every((record) => record.total === undefined)).toBe(true)
    const counts = records.map((record) => record.completed)
    expect(counts, JSON.stringify(counts)).toEqual(expect.arrayContaining([3, 6, 9, 12]))
    expect(records.at(-1)).toMatchObject({ done: true, completed: 12, failed: 0 })
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
