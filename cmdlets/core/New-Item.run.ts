// The code of New-Item, Remove-Item and Copy-Item (declared in New-Item.ts).
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { implement, RuntimeError } from '../../src/engine/index.js'
import { expandPath, itemFor, missingPath } from './items.js'
import { fileError, resolvePath } from './shared.js'
import type { NewItem, RemoveItem, CopyItem } from './New-Item.js'

export const newItem = implement<typeof NewItem>({
  async *process(args, ctx) {
    for (const given of args.path) {
      const file = resolvePath(args.name ? path.join(given, args.name) : given)
      const directory = args.itemType === 'Directory'
      if (!(await ctx.shouldProcess(`Destination: ${file}`, directory ? 'Create Directory' : 'Create File')))
        continue
      if (existsSync(file) && !(directory && args.force)) {
        if (!args.force || statSync(file).isDirectory()) {
          ctx.writeError(
            new RuntimeError('FileError', `An item with the specified name ${file} already exists.`, {
              category: 'ResourceExists',
              target: file,
            }),
            file,
          )
          continue
        }
      }
      try {
        if (directory) mkdirSync(file, { recursive: true })
        else {
          if (args.force) mkdirSync(path.dirname(file), { recursive: true })
          writeFileSync(file, args.value === undefined || args.value === null ? '' : String(args.value))
        }
      } catch (error) {
        ctx.writeError(fileError(error, given, 'write'), given)
        continue
      }
      yield itemFor(file)
    }
  },
})

export const removeItem = implement<typeof RemoveItem>({
  async *process(args, ctx) {
    for (const given of args.path) {
      const files = expandPath(given).filter((file) => existsSync(file))
      if (files.length === 0) ctx.writeError(missingPath(given), given)
      for (const file of files) {
        if (
          !(await ctx.shouldProcess(file, statSync(file).isDirectory() ? 'Remove Directory' : 'Remove File'))
        )
          continue
        try {
          rmSync(file, { recursive: args.recurse === true, force: args.force === true })
        } catch (error) {
          const code = (error as { code?: string }).code
          ctx.writeError(
            code === 'ERR_FS_EISDIR' || code === 'EISDIR' || code === 'ENOTEMPTY'
              ? new RuntimeError(
                  'FileError',
                  `The item at ${file} has children and -Recurse was not given.`,
                  { target: file },
                )
              : fileError(error, given, 'write'),
            given,
          )
        }
      }
    }
    yield* []
  },
})

export const copyItem = implement<typeof CopyItem>({
  async *process(args, ctx) {
    const destination = resolvePath(args.destination ?? '.')
    for (const given of args.path) {
      const files = expandPath(given).filter((file) => existsSync(file))
      if (files.length === 0) ctx.writeError(missingPath(given), given)
      for (const file of files) {
        const target =
          existsSync(destination) && statSync(destination).isDirectory()
            ? path.join(destination, path.basename(file))
            : destination
        if (!(await ctx.shouldProcess(`Item: ${file} Destination: ${target}`, 'Copy File'))) continue
        try {
          cpSync(file, target, {
            recursive: args.recurse === true || !statSync(file).isDirectory() ? true : false,
            force: true,
            errorOnExist: false,
          })
        } catch (error) {
          ctx.writeError(fileError(error, given, 'write'), given)
          continue
        }
        if (args.passThru) yield itemFor(target)
      }
    }
  },
})
