// The code of Get-Member (declared in Get-Member.ts).
import {
  implement,
  getProperty,
  isRecord,
  matchesAny,
  propertyNames,
  toDisplayString,
  typeNameOf,
  withTypeName,
} from '../../src/engine/index.js'
import { argumentsOf, inputObjects } from './shared.js'
import type { GetMember, MemberDefinition } from './Get-Member.js'

function membersOf(object: unknown, typeName: string): MemberDefinition[] {
  if (isRecord(object)) {
    return propertyNames(object).map((name) => {
      const value = getProperty(object, name)
      return {
        TypeName: typeName,
        Name: name,
        MemberType: 'NoteProperty',
        Definition: `${typeNameOf(value)} ${name}=${toDisplayString(value)}`,
      }
    })
  }
  const builtIn: Record<string, [string, string][]> = {
    string: [['Length', 'int']],
    'object[]': [
      ['Count', 'int'],
      ['Length', 'int'],
    ],
    datetime: [
      ['Year', 'int'],
      ['Month', 'int'],
      ['Day', 'int'],
      ['Hour', 'int'],
      ['Minute', 'int'],
      ['DayOfWeek', 'string'],
    ],
  }
  return (builtIn[typeName] ?? []).map(([name, type]) => ({
    TypeName: typeName,
    Name: name,
    MemberType: 'Property',
    Definition: `${type} ${name} {get;}`,
  }))
}

export const getMember = implement<typeof GetMember>({
  async *stream(records, ctx) {
    const args = argumentsOf<{ name?: string[]; memberType?: string[] }>(ctx)
    const kinds = args.memberType?.map((kind) => kind.toLowerCase())
    const wanted = (memberType: string) =>
      !kinds ||
      kinds.includes('all') ||
      kinds.includes(memberType.toLowerCase()) ||
      (kinds.includes('properties') && memberType.endsWith('Property'))
    const seen = new Set<string>()
    for await (const object of inputObjects(records, ctx)) {
      const typeName = typeNameOf(object)
      if (seen.has(typeName)) continue
      seen.add(typeName)
      for (const member of membersOf(object, typeName)) {
        if (args.name && !matchesAny(member.Name, args.name)) continue
        if (!wanted(member.MemberType)) continue
        yield withTypeName('MemberDefinition', member)
      }
    }
  },
})
