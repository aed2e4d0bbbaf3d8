// Add-Member and New-Object: properties added to objects, and new objects ([PSCustomObject] and the
// few .NET types scripts create this way), as about_Object_Creation describes.
import { defineCmdlet, findPropertyName, isRecord, RuntimeError, UsageError } from '../../src/engine/index.js'

function addProperty(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
}

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
  *process(args) {
    const target = args.inputObject
    if (!isRecord(target)) {
      throw new UsageError(
        'InvalidParameterValue',
        'Add-Member can add properties to objects only, not to this value.',
      )
    }
    const members: [string, unknown][] = []
    if (args.notePropertyMembers) members.push(...Object.entries(args.notePropertyMembers))
    if (args.notePropertyName !== undefined) members.push([args.notePropertyName, args.notePropertyValue])
    if (args.name !== undefined) {
      if (args.memberType === 'AliasProperty') {
        const source = String(args.value)
        Object.defineProperty(target, args.name, {
          get: () => target[findPropertyName(target, source) ?? source],
          enumerable: true,
          configurable: true,
        })
      } else members.push([args.name, args.value])
    }
    if (members.length === 0)
      throw new UsageError('MissingMandatoryParameter', 'Add-Member needs -Name or -NotePropertyName.')
    for (const [name, value] of members) {
      const existing = findPropertyName(target, name)
      if (existing !== undefined && !args.force) {
        throw new RuntimeError(
          'RuntimeError',
          `Cannot add a member with the name "${name}" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.`,
        )
      }
      if (existing !== undefined) delete target[existing]
      addProperty(target, name, value)
    }
    if (args.passThru) yield target
  },
})

/** New-Object: a new object of a type. */
export const NewObject = defineCmdlet({
  name: 'New-Object',
  synopsis: 'Creates an object: a PSCustomObject with -Property, or a date.',
  description: 'Types: PSObject, PSCustomObject and System.DateTime; other types are refused with a hint.',
  parameters: {
    typeName: { type: 'string', position: 0, mandatory: true, description: 'The type.' },
    argumentList: { type: 'any[]', position: 1, aliases: ['Args'], description: 'Constructor arguments.' },
    property: { type: 'hashtable', description: 'Properties to set.' },
  },
  examples: [
    {
      title: 'An object with properties',
      code: "New-Object PSObject -Property @{ Name = 'Ann' } | ForEach-Object Name",
      expect: ['Ann'],
    },
  ],
  *process(args) {
    const type = args.typeName.toLowerCase().replace(/^system\./, '')
    let value: unknown
    switch (type) {
      case 'psobject':
      case 'management.automation.psobject':
      case 'pscustomobject':
      case 'object':
        value = {}
        break
      case 'datetime': {
        const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0] = (args.argumentList ?? []).map(
          Number,
        )
        value = year === undefined ? new Date(0) : new Date(year, month - 1, day, hour, minute, second)
        break
      }
      default:
        throw new RuntimeError(
          'RuntimeError',
          `New-Object in vcs-shell creates PSObject, PSCustomObject and DateTime only, not [${args.typeName}].`,
          {
            category: 'NotImplemented',
            hint: 'For a hashtable write @{}; for a list, @() or [System.Collections.Generic.List[object]]::new().',
          },
        )
    }
    if (args.property && isRecord(value))
      for (const [name, item] of Object.entries(args.property)) addProperty(value, name, item)
    yield value
  },
})

export default AddMember
