import { describe, expect, it } from 'vitest'
import {
  CommandRegistry,
  defineCmdlet,
  RecordingHost,
  Session,
  withTypeName,
} from '../../src/engine/index.js'
import { LIVE_VALUE_CAP, LiveValueCache } from '../../src/shell/live-values.js'
import {
  groupNames,
  organizationRoleNames,
  serviceNames,
  userEmails,
  userNames,
} from '../../cmdlets/vcs/shared/completers.js'

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

describe('LiveValueCache beyond its cap', () => {
  let runs = 0
  let searched: unknown[] = []
  const people = Array.from({ length: LIVE_VALUE_CAP + 500 }, (_, i) => ({
    Email: `user${String(i).padStart(5, '0')}@corp.example`,
    Name: `User ${i}`,
  }))
  const GetVcsUser = defineCmdlet({
    name: 'Get-VcsUser',
    synopsis: 'Lists users; -Email takes wildcards.',
    parameters: {
      email: { type: 'string[]', wildcards: true, completer: userEmails },
      name: { type: 'string[]', wildcards: true, completer: userNames },
    },
    examples: [],
    *process(args: { email?: string[] }) {
      runs++
      if (args.email) searched.push(...args.email)
      const prefix = args.email?.[0]?.replace(/\*$/, '')
      for (const person of people)
        if (prefix === undefined || person.Email.startsWith(prefix)) yield withTypeName('VcsUser', person)
    },
  })
  const make = () =>
    new LiveValueCache(
      new CommandRegistry([GetVcsUser]),
      new Session({ host: new RecordingHost(), errorActionPreference: 'Continue' }),
    )

  it('fills the e-mail and name slots of one cmdlet from one run, and learns the record type', async () => {
    runs = 0
    const values = make()
    await values.fetch(userEmails)
    expect(runs).toBe(1)
    expect(values.get(userEmails)).toHaveLength(LIVE_VALUE_CAP)
    expect(values.get(userNames)).toHaveLength(LIVE_VALUE_CAP)
    expect(values.shapes.properties('VcsUser')).toEqual(['Email', 'Name'])
  })

  it('searches the server for a prefix the capped cache may not hold, once, and adds what it finds', async () => {
    searched = []
    const values = make()
    await values.fetch(userEmails)
    expect(values.partial(userEmails, 'user024')).toBe(true)
    await values.search(userEmails, 'user024')
    expect(searched).toEqual(['user024*'])
    expect(values.get(userEmails)).toContain('user02499@corp.example')
    expect(values.partial(userEmails, 'user0249')).toBe(false)
    expect(values.partial(userEmails, 'user1')).toBe(true)
  })

  it('does not ask the server about a slot it holds whole', async () => {
    const values = cache().cache
    await values.fetch(groupNames)
    expect(values.partial(groupNames, 'A')).toBe(false)
  })
})
