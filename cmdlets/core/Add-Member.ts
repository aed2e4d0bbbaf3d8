// Add-Member and New-Object: properties added to objects, and new objects ([PSCustomObject] and the
// few .NET types scripts create this way), as about_Object_Creation describes.
import { defineCmdlet } from '../../src/engine/index.js'

/** Add-Member: adds a NoteProperty (or several) to an object. */
export const AddMember = defineCmdlet({
  name: 'Add-Member',
  synopsis: 'Adds a property to an object.',
  description:
    "NoteProperty (a value) and AliasProperty (another property's value) are supported; an existing property needs -Force.",
  parameters: {
    inputObject: { type: 'any', mandatory: true, pipeline: 'byValue', description: 'The object to change.' },
    memberType: {
      type: 'string',
      position: 0,
      validateSet: ['NoteProperty', 'AliasProperty'],
      aliases: ['Type'],
      description: 'The kind of member.',
    },
    name: { type: 'string', position: 1, description: 'The property name.' },
    value: {
      type: 'any',
      position: 2,
      description: 'The value (for an AliasProperty, the property it names).',
    },
    notePropertyName: { type: 'string', description: 'A NoteProperty name (with -NotePropertyValue).' },
    notePropertyValue: { type: 'any', description: 'The NoteProperty value.' },
    notePropertyMembers: { type: 'hashtable', description: 'Several NoteProperties at once.' },
    passThru: { type: 'switch', description: 'Outputs the object.' },
    force: { type: 'switch', description: 'Replaces an existing property.' },
  },
  examples: [
    {
      title: 'Add a property and keep the object',
      code: "[pscustomobject]@{ Name = 'Ann' } | Add-Member -NotePropertyName Team -NotePropertyValue ops -PassThru | ForEach-Object Team",
      expect: ['ops'],
    },
  ],
  load: () => import('./Add-Member.run.js'),
})

/** New-Object: a new object of a type, built by the language (src/language/new-object.ts). */
export const NewObject = defineCmdlet({
  name: 'New-Object',
  synopsis:
    'Creates an object: a PSObject with -Property, or a Hashtable, ArrayList, List[T], StringBuilder or DateTime.',
  description:
    'The types scripts create: PSObject (PSCustomObject), Hashtable, ArrayList, List[T], StringBuilder, DateTime, the exception types and numbers. Any other type is refused with an error naming it.',
  parameters: {
    typeName: {
      type: 'string',
      position: 0,
      mandatory: true,
      description: 'The type, e.g. PSObject or System.Collections.ArrayList.',
    },
    argumentList: { type: 'any[]', position: 1, aliases: ['Args'], description: 'Constructor arguments.' },
    property: {
      type: 'any',
      description: 'Properties to set, as a hashtable (a PSObject gains them); $null sets none.',
    },
  },
  examples: [
    {
      title: 'An object with properties',
      code: "New-Object PSObject -Property @{ Name = 'Ann' } | ForEach-Object Name",
      expect: ['Ann'],
    },
    {
      title: 'A list to add to',
      code: "$list = New-Object System.Collections.ArrayList; [void]$list.Add('a'); $list.Count",
      expect: [1],
    },
  ],
  load: () => import('./Add-Member.run.js'),
})

export default AddMember
