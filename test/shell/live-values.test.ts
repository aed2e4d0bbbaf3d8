import { describe, expect, it } from 'vitest'
import {
  CommandRegistry,
  defineCmdlet,
  RecordingHost,
  Session,
  withTypeName,
} from '../../src/engine/index.js'
import { LiveValueCache } from '../../src/shell/live-values.js'
import { groupNames, organizationRoleNames, serviceNames } from '../../cmdlets/vcs/shared/completers.js'

let calls = 0
const GetVcsGroup = defineCmdlet({
  name: 'Get-VcsGroup',
  synopsis: 'Lists groups.',
  parameters: {},
  examples: [],
  *process() {
    calls++
    for (const name of ['Beta', 'Alpha', 'Beta']) yield withTypeName('VcsGroup', { Name: name })
  },
})
let serviceCalls = 0
const GetVcsService = defineCmdlet({
  name: 'Get-VcsService',
  synopsis: 'Fails like a dropped connection the first time, then answers.',
  parameters: {},
  examples: [],
  *process() {
    serviceCalls++
    if (serviceCalls === 1) throw new Error('connection reset')
    yield withTypeName('VcsService', { Name: 'vmc' })
  },
})

const cache = () => {
  const host = new RecordingHost()
  const session = new Session({ host, errorActionPreference: 'Continue' })
  return { cache: new LiveValueCache(new CommandRegistry([GetVcsGroup, GetVcsService]), session), host }
}

describe('LiveValueCache', () => {
  it('runs the cmdlet once, sorted and without duplicates, and serves later Tabs from memory', async () => {
    const { cache: values } = cache()
    calls = 0
    await Promise.all([values.fetch(groupNames), values.fetch(groupNames)])
    await values.fetch(groupNames)
    expect(values.get(groupNames)).toEqual(['Alpha', 'Beta'])
    expect(calls).toBe(1)
  })

  it('completes nothing for a cmdlet that does not exist', async () => {
    const { cache: values } = cache()
    await values.fetch(organizationRoleNames)
    expect(values.get(organizationRoleNames)).toEqual([])
  })

  it('leaves a failed slot empty so a later Tab tries again, and prints nothing', async () => {
    const { cache: values, host } = cache()
    serviceCalls = 0
    await values.fetch(serviceNames)
    expect(values.get(serviceNames)).toBeUndefined()
    expect(host.errors).toEqual([])
    await values.fetch(serviceNames)
    expect(serviceCalls).toBe(2)
    expect(values.get(serviceNames)).toEqual(['vmc'])
  })

  it('forgets everything on clear()', async () => {
    const { cache: values } = cache()
    await values.fetch(groupNames)
    values.clear()
    expect(values.get(groupNames)).toBeUndefined()
  })
})
