// Scale: 100,000 users seeded, listed at the first, a middle and the last page. These tests check
// what the pages contain; how fast they are is the benchmarks' business.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, accessToken, call, start } from './helpers.js'

const GENERATED = 100_000
const TOTAL = GENERATED + 3 // the empty seed's owner, admin and member
const dirs: string[] = []

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function pageOf(emulator: RunningEmulator, token: string, pageStart: number, pageLimit = 200) {
  const answer = await call(
    emulator,
    'GET',
    `${AM}/v2/orgs/${emulator.orgId}/users?pageStart=${pageStart}&pageLimit=${pageLimit}`,
    {
      token,
    },
  )
  expect(answer.status).toBe(200)
  return answer.body
}

/** Checks first, middle and last pages; returns the middle page's user ids. */
async function checkPages(emulator: RunningEmulator): Promise<string[]> {
  const token = await accessToken(emulator, emulator.credentials.apiToken)
  const users = `${AM}/v2/orgs/${emulator.orgId}/users`

  const first = await pageOf(emulator, token, 1)
  expect(first.totalResults).toBe(TOTAL)
  expect(first.results).toHaveLength(200)
  expect(first.results[0].user.username).toBe('ava.thompson@demo.example')
  expect(first.nextLink).toBe(`${users}?pageStart=201&pageLimit=200`)
  expect(first).not.toHaveProperty('prevLink')

  const middle = await pageOf(emulator, token, 50_001)
  expect(middle.results).toHaveLength(200)
  expect(middle.nextLink).toBe(`${users}?pageStart=50201&pageLimit=200`)
  expect(middle.prevLink).toBe(`${users}?pageStart=49801&pageLimit=200`)
  // Pages are contiguous: the item before the page and the page's first item, fetched another way.
  const straddle = await pageOf(emulator, token, 50_000, 2)
  expect(straddle.results[1].user.userId).toBe(middle.results[0].user.userId)
  const ids = middle.results.map((item: any) => item.user.userId)
  expect(new Set(ids).size).toBe(200)
  for (const item of middle.results) {
    expect(item.user.email).toMatch(/@staff\.demo\.example$/)
    expect(item.user.firstName).toMatch(/^[A-Z][a-z]+$/)
    expect(item.organizationRoles.map((role: any) => role.name)).toContain('org_member')
  }

  const last = await pageOf(emulator, token, TOTAL - 199)
  expect(last.results).toHaveLength(200)
  expect(last).not.toHaveProperty('nextLink')
  const tail = await pageOf(emulator, token, TOTAL)
  expect(tail.results).toHaveLength(1)
  expect(tail.results[0].user.userId).toBe(last.results[199].user.userId)
  expect(new Set([...ids, ...last.results.map((item: any) => item.user.userId)]).size).toBe(400)

  const search = await call(
    emulator,
    'GET',
    `${AM}/orgs/${emulator.orgId}/users/search?userSearchTerm=zimmermann`,
    { token },
  )
  expect(search.body.results).toHaveLength(20)
  return ids
}

// Generous timeouts: seeding competes for two shared cores with the rest of the suite.
describe('100,000 users', { timeout: 120_000 }, () => {
  it('seeds in memory and pages correctly at any offset', async () => {
    const emulator = await start({ seed: 'empty', users: GENERATED })
    try {
      await checkPages(emulator)
    } finally {
      await emulator.close()
    }
  })

  it('seeds into the store and pages the same after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vcs-emulator-scale-'))
    dirs.push(dataDir)
    const seeded = await start({ seed: 'empty', users: GENERATED, dataDir })
    const before = await checkPages(seeded)
    await seeded.close()
    const reopened = await start({ dataDir })
    try {
      expect(reopened.orgId).toBe(seeded.orgId)
      expect(await checkPages(reopened)).toEqual(before)
    } finally {
      await reopened.close()
    }
  })
})
