// Get-Member: lists the type and properties of the objects in a pipeline, so users can see what
// they can filter, select and sort on.
import { defineCmdlet, type TypeView } from '../../src/engine/index.js'

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
  load: () => import('./Get-Member.run.js'),
})

export default GetMember
