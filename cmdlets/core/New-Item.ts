// New-Item, Remove-Item and Copy-Item: files and folders created, removed and copied, with -WhatIf.
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { defineCmdlet, RuntimeError } from '../../src/engine/index.js'
import { expandPath, fileSystemInfoView, itemFor, missingPath } from './items.js'
import { fileError, resolvePath } from './shared.js'

/** New-Item: creates a file or a folder. */
export const NewItem = defineCmdlet({
  name: 'New-Item',
  views: { FileSystemInfo: fileSystemInfoView },
  synopsis: 'Creates a file or a folder.',
  description:
    '-ItemType Directory creates a folder (and its parents); File (the default) a file, with -Value as its text.',
  aliases: ['ni'],
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      completer: 'path',
      description: 'Where to create it.',
    },
    name: { type: 'string', description: 'The name, when -Path is the folder.' },
    itemType: {
      type: 'string',
      aliases: ['Type'],
      validateSet: ['File', 'Directory'],
      description: 'File or Directory.',
    },
    value: { type: 'any', pipeline: 'byValue', description: 'The text of a new file.' },
    force: { type: 'switch', description: 'Replaces an existing file; creates missing parent folders.' },
  },
  examples: [
    {
      title: 'A folder for reports',
      code: 'New-Item -ItemType Directory -Path ./reports -Force',
      bindOnly: true,
    },
  ],
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

/** Remove-Item: deletes files and folders. */
export const RemoveItem = defineCmdlet({
  name: 'Remove-Item',
  synopsis: 'Deletes files and folders.',
  description: 'A folder with contents needs -Recurse. Wildcards match names.',
  aliases: ['ri', 'rm', 'del', 'rmdir', 'erase'],
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      wildcards: true,
      pipeline: 'byPropertyName',
      aliases: ['FullName', 'LiteralPath'],
      completer: 'path',
      description: 'What to delete.',
    },
    recurse: { type: 'switch', description: 'Deletes folders with their contents.' },
    force: { type: 'switch', description: 'Also deletes read-only items.' },
  },
  examples: [{ title: 'Delete a report', code: 'Remove-Item ./report.txt -WhatIf', bindOnly: true }],
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

/** Copy-Item: copies files and folders. */
export const CopyItem = defineCmdlet({
  name: 'Copy-Item',
  views: { FileSystemInfo: fileSystemInfoView },
  synopsis: 'Copies files and folders.',
  aliases: ['cp', 'copy', 'cpi'],
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      wildcards: true,
      pipeline: 'byPropertyName',
      aliases: ['FullName'],
      completer: 'path',
      description: 'What to copy.',
    },
    destination: {
      type: 'string',
      position: 1,
      completer: 'path',
      description: 'Where to (default: the current folder).',
    },
    recurse: { type: 'switch', description: 'Copies folders with their contents.' },
    force: { type: 'switch', description: 'Replaces existing files.' },
    passThru: { type: 'switch', description: 'Outputs the copies.' },
  },
  examples: [{ title: 'Keep a backup', code: 'Copy-Item ./people.csv ./people.bak.csv', bindOnly: true }],
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

export default NewItem
