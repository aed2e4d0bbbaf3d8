// Get-Random, Get-Unique and Start-Sleep: small utilities scripts lean on. Their code is in
// Get-Random.run.ts, loaded when one of them first runs.
import { defineCmdlet } from '../../src/engine/index.js'

/** Get-Random: a random number, or random items of a list. */
export const GetRandom = defineCmdlet({
  name: 'Get-Random',
  synopsis: 'Returns a random number, or items picked at random from the input.',
  description:
    '-Maximum is exclusive, as in PowerShell. With input objects, -Count picks that many, each once.',
  parameters: {
    maximum: { type: 'number', position: 0, description: 'The upper bound (exclusive).' },
    minimum: { type: 'number', description: 'The lower bound (inclusive, default 0).' },
    inputObject: { type: 'any[]', pipeline: 'byValue', description: 'The items to choose from.' },
    count: { type: 'int', validateRange: [1, 2147483647], description: 'How many items.' },
    shuffle: { type: 'switch', description: 'Every input item, in random order.' },
  },
  examples: [{ title: 'A number from 1 to 6', code: 'Get-Random -Minimum 1 -Maximum 7', bindOnly: true }],
  load: () => import('./Get-Random.run.js'),
})

/** Get-Unique: drops adjacent duplicates of a sorted list. */
export const GetUnique = defineCmdlet({
  name: 'Get-Unique',
  synopsis: 'Removes adjacent duplicates from a sorted list.',
  description:
    'Compares as text, case-sensitively, as PowerShell does; sort first (Sort-Object) for a list of distinct values.',
  aliases: ['gu'],
  parameters: {
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The items.' },
    asString: { type: 'switch', description: 'Compares items as text (the default here).' },
  },
  examples: [{ title: 'Distinct values', code: "'a','a','b','b','a' | Get-Unique", expect: ['a', 'b', 'a'] }],
  load: () => import('./Get-Random.run.js'),
})

/** Start-Sleep: waits. */
export const StartSleep = defineCmdlet({
  name: 'Start-Sleep',
  synopsis: 'Waits for a number of seconds or milliseconds; Ctrl+C stops the wait.',
  aliases: ['sleep'],
  parameters: {
    seconds: { type: 'number', position: 0, aliases: ['s'], description: 'Seconds to wait.' },
    milliseconds: { type: 'int', aliases: ['ms'], description: 'Milliseconds to wait.' },
  },
  examples: [{ title: 'A short pause', code: 'Start-Sleep -Milliseconds 1', expect: [] }],
  load: () => import('./Get-Random.run.js'),
})

export default GetRandom
