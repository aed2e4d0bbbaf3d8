// How a pipeline record that binds to no parameter is shown in the "cannot bind the input" error:
// a record as PowerShell shows one, `@{E-mail=x@y.z; Name=a}`, on one line, shortened when long, and
// never with a secret in it.
import { afterEach, describe, expect, it } from 'vitest'
import {
  bindArguments,
  bindPipelineRecord,
  clearSecrets,
  defineCmdlet,
  registerSecret,
  UsageError,
  withTypeName,
} from '../../src/engine/index.js'

const RemoveThing = defineCmdlet({
  name: 'Remove-Thing',
  synopsis: 'Removes things.',
  parameters: {
    thing: { type: 'object', objectType: 'Thing', pipeline: 'byValue', sets: ['ByObject'], mandatory: true },
    email: { type: 'string', pipeline: 'byPropertyName', sets: ['ByEmail'], mandatory: true },
  },
  parameterSets: { ByObject: { default: true }, ByEmail: {} },
  examples: [],
  async *process() {},
})

function bindError(record: unknown): UsageError {
  const binding = bindArguments(RemoveThing, {}, { expectingInput: true })
  try {
    bindPipelineRecord(binding, record)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).code).toBe('InputNotBound')
    return error as UsageError
  }
  throw new Error('the record bound')
}

afterEach(() => clearSecrets())

describe('the input shown when a record binds to nothing', () => {
  it('shows a record as @{...} with every property, not its first value', () => {
    expect(bindError({ Name: 'a', 'E-mail': 'x@y.z' }).message).toBe(
      'Remove-Thing cannot bind the input @{Name=a; E-mail=x@y.z} (PSCustomObject) to -Thing, -Email.',
    )
  })

  it('names the type of a typed record', () => {
    const group = withTypeName('VcsGroup', { Id: 'g-1', Name: 'SRE On-Call' })
    expect(bindError(group).message).toContain('the input @{Id=g-1; Name=SRE On-Call} (VcsGroup) to')
  })

  it('shows a string in quotes, and nested values briefly', () => {
    expect(bindError('plain').message).toContain("the input 'plain' to")
    const nested = { Roles: ['a', 'b'], Owner: { Name: 'x' }, When: null }
    expect(bindError(nested).message).toContain('the input @{Roles=a, b; Owner=@{…}; When=} (')
  })

  it('keeps it on one line and shortens a long record', () => {
    const record = { Name: 'line one\nline two', Note: 'x'.repeat(500) }
    const message = bindError(record).message
    expect(message).not.toContain('\n')
    expect(message).toContain('@{Name=line one line two; Note=xxx')
    expect(message).toMatch(/x…} \(PSCustomObject\) to -Thing, -Email\.$/)
    expect(message.length).toBeLessThan(200)
  })

  it('never shows a secret', () => {
    registerSecret('s3cr3t-registered-value')
    const record = {
      Name: 'app',
      AppSecret: 'plain-looking-secret',
      Note: 'uses s3cr3t-registered-value',
      Token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    }
    const message = bindError(record).message
    expect(message).toContain('@{Name=app; AppSecret=***; Note=uses ***; Token=***}')
    expect(message).not.toMatch(/plain-looking|s3cr3t|eyJ/)
    expect(bindError('api_token=abcdef123456').message).toContain("'api_token=***'")
  })
})
