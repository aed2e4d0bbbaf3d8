// Add-Member and New-Object: properties added to objects, and new objects ([PSCustomObject] and the
// few .NET types scripts create this way), as about_Object_Creation describes.
import {
  announceDifference,
  defineCmdlet,
  findPropertyName,
  isOrdered,
  isRecord,
  objectConstructorOf,
  RuntimeError,
  typeNameOf,
  UsageError,
} from '../../src/engine/index.js'

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

/** The type names of a custom object (PSObject, PSCustomObject, with or without their namespace). */
const CUSTOM = /^(system\.)?(management\.automation\.)?ps(custom)?object$/i

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
  *process(args, ctx) {
    const property: unknown = args.property
    if (
      property !== null &&
      property !== undefined &&
      !(isRecord(property) && typeNameOf(property) === 'Hashtable')
    ) {
      throw new UsageError(
        'InvalidParameterValue',
        'Cannot bind -Property of New-Object: expected a hashtable @{ ... }.',
      )
    }
    const properties = (property ?? undefined) as Record<string, unknown> | undefined
    // A plain @{} has no order in PowerShell, so its properties come out in an arbitrary order there.
    if (
      properties &&
      !isOrdered(properties) &&
      Object.keys(properties).length > 1 &&
      CUSTOM.test(args.typeName)
    )
      announceDifference(ctx.session, 'newObjectOrder', ctx)
    const construct = objectConstructorOf()
    if (construct) {
      yield construct(args.typeName, args.argumentList ?? [], properties)
      return
    }
    // Without the language (a cmdlet called from JavaScript) only custom objects can be made.
    if (!CUSTOM.test(args.typeName)) {
      throw new RuntimeError(
        'RuntimeError',
        `New-Object cannot create [${args.typeName}] here; it creates PSObject only.`,
        {
          category: 'NotImplemented',
        },
      )
    }
    const value: Record<string, unknown> = {}
    for (const [name, item] of Object.entries(properties ?? {})) addProperty(value, name, item)
    yield value
  },
})

export default AddMember
