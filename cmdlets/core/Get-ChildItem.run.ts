// The code of Get-ChildItem (declared in Get-ChildItem.ts).
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { implement, matchWildcard } from '../../src/engine/index.js'
import type { GetChildItem } from './Get-ChildItem.js'
import { expandPath, itemFor, missingPath, type FileSystemItem } from './items.js'

function* walk(folder: string, recurse: boolean): Generator<FileSystemItem> {
  for (const name of readdirSync(folder).sort()) {
    const file = path.join(folder, name)
    const item = itemFor(file)
    yield item
    if (recurse && item.PSIsContainer) yield* walk(file, true)
  }
}

export const getChildItem = implement<typeof GetChildItem>({
  *process(args, ctx) {
    for (const given of args.path ?? ['.']) {
      const matches = expandPath(given)
      if (matches.length === 0) {
        ctx.writeError(missingPath(given), given)
        continue
      }
      for (const match of matches) {
        let stats
        try {
          stats = statSync(match)
        } catch {
          ctx.writeError(missingPath(given), given)
          continue
        }
        const items = stats.isDirectory() ? walk(match, args.recurse === true) : [itemFor(match, stats)]
        for (const item of items) {
          if (args.filter && !matchWildcard(item.Name, args.filter)) continue
          if (args.file && item.PSIsContainer) continue
          if (args.directory && !item.PSIsContainer) continue
          yield args.name
            ? path.relative(stats.isDirectory() ? match : path.dirname(match), item.FullName)
            : item
        }
      }
    }
  },
})
