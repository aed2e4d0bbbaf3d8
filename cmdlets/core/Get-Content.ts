// Get-Content, Set-Content and Add-Content: text files as lines (about the FileSystem provider).
import { defineCmdlet, RuntimeError } from '../../src/engine/index.js'

/** Get-Content: a file's lines. */
export const GetContent = defineCmdlet({
  name: 'Get-Content',
  synopsis: 'Reads a text file, line by line.',
  description: 'Each line is one string; -Raw gives the whole text as one string.',
  aliases: ['gc', 'cat', 'type'],
  parameters: {
    path: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      wildcards: true,
      pipeline: 'byPropertyName',
      aliases: ['FullName', 'PSPath', 'LiteralPath'],
      completer: 'path',
      description: 'The files.',
    },
    raw: { type: 'switch', description: 'The whole file as one string.' },
    totalCount: { type: 'int', aliases: ['First', 'Head'], description: 'Only the first lines.' },
    tail: { type: 'int', aliases: ['Last'], description: 'Only the last lines.' },
    encoding: { type: 'string', description: 'Accepted for compatibility; files are read as UTF-8.' },
  },
  examples: [
    {
      title: 'The first two lines of a file',
      code: 'Get-Content ./people.csv -TotalCount 2',
      bindOnly: true,
    },
  ],
  load: () => import('./Get-Content.run.js'),
})

const contentParameters = {
  path: {
    type: 'string',
    position: 0,
    mandatory: true,
    completer: 'path',
    aliases: ['FilePath', 'LiteralPath'],
    description: 'The file.',
  },
  value: { type: 'any', position: 1, pipeline: 'byValue', description: 'The lines to write.' },
  noNewline: { type: 'switch', description: 'Writes the values with no line breaks.' },
  encoding: { type: 'string', description: 'Accepted for compatibility; files are written as UTF-8.' },
} as const

function contentCmdlet(name: 'Set-Content' | 'Add-Content', append: boolean) {
  return defineCmdlet({
    name,
    synopsis: append ? 'Adds lines to the end of a text file.' : 'Writes lines to a text file, replacing it.',
    description: 'Each value is written as text on its own line (objects as their text form).',
    aliases: append ? ['ac'] : ['sc'],
    parameters: contentParameters,
    supportsShouldProcess: true,
    confirmImpact: 'None',
    examples: [{ title: 'Write a file', code: `'a','b' | ${name} -Path ./out.txt`, bindOnly: true }],
    load: () => import('./Get-Content.run.js'),
  })
}

/** Set-Content: writes a file. */
export const SetContent = contentCmdlet('Set-Content', false)
/** Add-Content: appends to a file. */
export const AddContent = contentCmdlet('Add-Content', true)

export { RuntimeError }
export default GetContent
