// Get-, Add- and Remove-VcsGroupMember against the demo emulator: members listed, users added and
// removed from the pipeline with one result each, unknown groups refused before sending, -WhatIf.
import { describe, expect, it } from 'vitest'
import {
  addVcsGroupMember,
  getVcsGroup,
  getVcsGroupMember,
  getVcsUser,
  removeVcsGroupMember,
  type VcsGroupMemberResult,
} from '../../../src/library/vcs.js'
import { errorMessages, requestsTo, resetStats, stats, useEmulator } from './emulator.js'

const bed = useEmulator()
const GROUP_USERS = '/orgs/{orgId}/groups/{groupId}/users'

async function memberEmails(group: string): Promise<string[]> {
  return (await getVcsGroupMember({ group }).in(bed.session)).map((user) => user.Email)
}

describe('group members', () => {
  it('lists the members of a group by name or object', async () => {
    const byName = await memberEmails('Platform Engineering')
    expect(byName).toHaveLength(6)
    const [group] = await getVcsGroup({ name: ['Platform Engineering'] }).in(bed.session)
    const byObject = await getVcsGroupMember({ group }).in(bed.session)
    expect(byObject.map((user) => user.Email)).toEqual(byName)
  })

  it('adds users from the pipeline and removes them again, one result each', async () => {
    const before = await memberEmails('Contractors')
    const outsiders = (await getVcsUser({ email: ['*@demo.example'] }).in(bed.session))
      .filter((user) => !before.includes(user.Email))
      .slice(0, 2)
    expect(outsiders).toHaveLength(2)
    const added = (await addVcsGroupMember({ user: outsiders, group: 'contractors', passThru: true }).in(
      bed.session,
    )) as VcsGroupMemberResult[]
    expect(added.map((result) => [result.Email, result.Result])).toEqual(
      outsiders.map((user) => [user.Email, 'Added']),
    )
    expect(await memberEmails('Contractors')).toEqual(expect.arrayContaining(outsiders.map((u) => u.Email)))
    const removed = (await getVcsGroupMember({ group: 'Contractors' })
      .pipe(removeVcsGroupMember({ group: 'Contractors', passThru: true }))
      .in(bed.session)) as VcsGroupMemberResult[]
    expect(removed.every((result) => result.Result === 'Removed')).toBe(true)
    expect(await memberEmails('Contractors')).toEqual([])
    expect(errorMessages(bed.host)).toEqual([])
  })

  it('refuses an unknown group before sending, listing the known ones', async () => {
    await resetStats(bed)
    await expect(
      addVcsGroupMember({ email: ['maya.patel@demo.example'], group: 'Nope' }).in(bed.session),
    ).rejects.toThrow(/Unknown group 'Nope'\. Known groups: .*Contractors/)
    expect(requestsTo(await stats(bed), 'POST', GROUP_USERS)).toBe(0)
  })

  it('-WhatIf sends nothing', async () => {
    await resetStats(bed)
    const users = await getVcsUser({ email: ['*@demo.example'] }).in(bed.session)
    await addVcsGroupMember({ user: users, group: 'Contractors', whatIf: true }).in(bed.session)
    expect(requestsTo(await stats(bed), 'POST', GROUP_USERS)).toBe(0)
  })
})
