// CSP's group search returns at most 20 groups and is not documented to ignore case (csp-api.md §10):
// the emulator caps it, and matches case when told to; Get-VcsGroup never relies on it and reads the
// group list, so a name filter finds every match whatever the cap or the case (issue 15 item 10).
import { describe, expect, it } from 'vitest'
import { getVcsGroup } from '../../../src/library/vcs.js'
import { AM, call, tokens } from '../../emulator/helpers.js'
import { configure, control, requestsTo, resetStats, stats, useEmulator } from './emulator.js'

const bed = useEmulator()
const SEARCH = '/orgs/{orgId}/groups-search'
const LIST = '/orgs/{orgId}/groups'

/** Display names the emulator's group search returns for a term. */
async function searched(term: string, token: string): Promise<string[]> {
  const answer = await call(
    bed.emulator,
    'GET',
    `${AM}/orgs/${bed.emulator.orgId}/groups-search?groupSearchTerm=${encodeURIComponent(term)}`,
    { token },
  )
  expect(answer.status).toBe(200)
  return (answer.body.results as Array<{ displayName: string }>).map((group) => group.displayName)
}

describe('group search cap and case', () => {
  it('the emulator returns the first 20 matches, for an empty term too, ignoring case by default', async () => {
    const summary = await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ groups: 25 }) })
    expect(summary).toMatchObject({ groups: 30 })
    const { member } = await tokens(bed.emulator)
    expect(await searched('staff team', member)).toHaveLength(20)
    expect(await searched('STAFF TEAM', member)).toHaveLength(20)
    expect(await searched('', member)).toHaveLength(20)
    expect(await searched('Staff Team 25', member)).toEqual(['Staff Team 25'])

    await configure(bed, { searchMatchesCase: true })
    expect(await searched('STAFF TEAM', member)).toEqual([])
    expect(await searched('Staff Team', member)).toHaveLength(20)
  })

  it('Get-VcsGroup -Name finds all 25 matches in any case, from the list, never the capped search', async () => {
    await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ groups: 25 }) })
    await configure(bed, { searchMatchesCase: true })
    await resetStats(bed)
    for (const pattern of ['Staff Team*', '*TEAM*', 'staff team 2?']) {
      const found = await getVcsGroup({ name: [pattern] }).in(bed.session)
      const expected = pattern === 'staff team 2?' ? 6 : 25
      expect(found.map((group) => group.Name).sort(), pattern).toEqual(
        Array.from({ length: 25 }, (_, i) => `Staff Team ${i + 1}`)
          .filter((name) => (pattern === 'staff team 2?' ? /^Staff Team 2\d$/.test(name) : true))
          .sort(),
      )
      expect(found).toHaveLength(expected)
    }
    const counters = await stats(bed)
    expect(requestsTo(counters, 'GET', SEARCH)).toBe(0)
    expect(requestsTo(counters, 'GET', LIST)).toBeGreaterThan(0)
  })
})
