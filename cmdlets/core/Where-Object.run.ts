// The code of Where-Object (declared in Where-Object.ts).
import { implement, compare, getProperty, toBoolean } from '../../src/engine/index.js'
import { invokeDotSourced, isScriptBlockLike } from './shared.js'
import { OPERATORS } from './Where-Object.js'
import type { WhereObject } from './Where-Object.js'

export const whereObject = implement<typeof WhereObject>({
  async *process(args, ctx) {
    const record = args.inputObject
    if (args.filterScript !== undefined) {
      // A bare name (`Where-Object Enabled`) tests that property's truthiness, as PowerShell does.
      const keep = isScriptBlockLike(args.filterScript)
        ? toBoolean(await invokeDotSourced(ctx, args.filterScript, record))
        : toBoolean(getProperty(record, String(args.filterScript)))
      if (keep) yield record
      return
    }
    // Parameter sets guarantee at most one operator (the binder refuses two).
    const given = OPERATORS.filter(({ name }) => ctx.boundParameters.has(name))
    const value = getProperty(record, args.property as string)
    if (given.length === 0) {
      if (toBoolean(value)) yield record
      return
    }
    const { name, op, caseSensitive } = given[0]
    const right = (args as Record<string, unknown>)[name]
    const result = compare(op, value, right, { caseSensitive })
    // A collection property filters its items (-eq, -like, ...): keep the object when any item matched.
    const collection = Array.isArray(value) && op !== 'contains' && op !== 'notcontains'
    if (collection ? (result as unknown[]).length > 0 : toBoolean(result)) yield record
  },
})
