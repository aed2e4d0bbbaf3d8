// Get-Member: lists the type and properties of the objects in a pipeline, so users can see what
// they can filter, select and sort on.
import {
  defineCmdlet,
  getProperty,
  isRecord,
  matchesAny,
  propertyNames,
  toDisplayString,
  typeNameOf,
  withTypeName,
  type TypeView,
} from '../../src/engine/index.js'
import { argumentsOf, inputObjects } from './shared.js'

const memberDefinitionView: TypeView = {
  table: [
    { label: 'TypeName', value: 'TypeName' },
    { label: 'Name', value: 'Name' },
    { label: 'MemberType', value: 'MemberType' },
    { label: 'Definition', value: 'Definition' },
  ],
}

/** One member as Get-Member outputs it. */
export interface MemberDefinition {
  TypeName: string
  Name: string
  MemberType: 'NoteProperty' | 'Property'
  Definition: string
}

/** Get-Member: the properties of each distinct input type. */
export const GetMember = defineCmdlet({
  name: 'Get-Member',
  synopsis: 'Lists the type and properties of pipeline objects.',
  description:
    'Outputs the members of each distinct type once, with the first object of that type as the ' +
    'example value in the definition (e.g. string Email=ann@corp.com).',
  aliases: ['gm'],
  output: 'MemberDefinition',
  views: { MemberDefinition: memberDefinitionView },
  parameters: {
    name: { type: 'string[]', position: 0, wildcards: true, description: 'Only members with these names.' },
    memberType: {
      type: 'string[]',
      aliases: ['Type'],
      validateSet: [
        'NoteProperty',
        'Property',
        'Properties',
        'AliasProperty',
        'ScriptProperty',
        'Method',
        'Methods',
        'All',
      ],
      description: 'Only members of these kinds (Properties means every kind of property).',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The objects to inspect.' },
  },
  examples: [
    {
      title: 'The properties of CSV rows',
      code: "'Email,Role','ann@corp.com,admin' | ConvertFrom-Csv | Get-Member | ForEach-Object Name",
      expect: ['Email', 'Role'],
    },
    {
      title: 'Only the note properties',
      code: '[pscustomobject]@{ A = 1 } | Get-Member -MemberType NoteProperty | ForEach-Object Name',
      expect: ['A'],
    },
    {
      title: 'Strings have a Length',
      code: "'abc' | Get-Member | ForEach-Object Definition",
      expect: ['int Length {get;}'],
    },
  ],
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

export default GetMember
