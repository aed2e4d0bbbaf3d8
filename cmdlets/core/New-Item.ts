// New-Item, Remove-Item and Copy-Item: files and folders created, removed and copied, with -WhatIf.
import { defineCmdlet } from '../../src/engine/index.js'
import { fileSystemInfoView } from './items.js'

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
  load: () => import('./New-Item.run.js'),
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
  load: () => import('./New-Item.run.js'),
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
  load: () => import('./New-Item.run.js'),
})

export default NewItem
