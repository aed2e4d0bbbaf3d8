// The code of Add-Member and New-Object (declared in Add-Member.ts).
import {
  implement,
  announceDifference,
  findPropertyName,
  isOrdered,
  isRecord,
  objectConstructorOf,
  RuntimeError,
  typeNameOf,
  UsageError,
} from '../../src/engine/index.js'
import type { AddMember, NewObject } from './Add-Member.js'

function addProperty(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
}

/** The type names of a custom object (PSObject, PSCustomObject, with or without their namespace). */
const CUSTOM = /^(system\.)?(management\.automation\.)?ps(custom)?object$/i

export const addMember = implement<typeof AddMember>({
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

export const newObject = implement<typeof NewObject>({
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
