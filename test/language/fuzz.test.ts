// Property-based fuzzing: whatever the input, tokenize() never throws, parse() only throws a positioned
// ParseError, and running it only ever throws a VcsError (a diagnostic), never a raw exception.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RecordingHost, Session, UsageError, VcsError } from '../../src/engine/index.js'
import { Interpreter, isIncomplete, parse, tokenize } from '../../src/language/index.js'
import { registry } from './helpers.js'

/** Fragments of the language, so random soups reach deep into the grammar. */
const FRAGMENTS = [
  'Get-Thing',
  'Write-Value',
  'Remove-Thing',
  'ForEach-Item',
  'Where-Item',
  'Get-Failure',
  'Write-Problem',
  '%',
  '?',
  '-Name',
  '-Count',
  '-Confirm:',
  '-WhatIf',
  '-Flag',
  '-Value',
  '-ErrorAction',
  'Stop',
  '--',
  '|',
  ';',
  '\n',
  '`\n',
  ',',
  '.',
  '..',
  '::',
  '=',
  '+=',
  '-=',
  '++',
  '--',
  '!',
  '&',
  '@',
  '$',
  '#',
  '<#',
  '#>',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '@(',
  '@{',
  '$(',
  '-eq',
  '-ne',
  '-gt',
  '-like',
  '-notlike',
  '-match',
  '-contains',
  '-in',
  '-and',
  '-or',
  '-not',
  '-ceq',
  '-replace',
  '-split',
  '-join',
  '-f',
  '-is',
  '-as',
  '+',
  '-',
  '*',
  '/',
  '%',
  '$_',
  '$x',
  '$PSItem',
  '$args',
  '$true',
  '$false',
  '$null',
  '$Error',
  '$ErrorActionPreference',
  '${a b}',
  '$Matches',
  "'text'",
  "'it''s'",
  '"dq $x"',
  '"sub $(1+1)"',
  "@'\nhere\n'@",
  '@"\nhere $x\n"@',
  "'",
  '"',
  '0',
  '1',
  '42',
  '1.5',
  '0x10',
  '1kb',
  '-1',
  'A*',
  'bare',
  'Email',
  'Name',
  'if',
  'elseif',
  'else',
  'foreach',
  'in',
  'for',
  'while',
  'do',
  'until',
  'try',
  'catch',
  'finally',
  'return',
  'throw',
  'exit',
  'break',
  'continue',
  'param',
  'function',
  'switch',
  '[int]',
  '[string]',
  '[datetime]',
  '[pscustomobject]',
  '[math]::Round',
  '[int]::MaxValue',
  '[Parameter(Mandatory)]',
  '.ToUpper()',
  '.Split',
  '.Count',
  '.Length',
  '.Where',
  '.ForEach',
  '.Invoke()',
  '[0]',
  '[-1]',
  ' ',
  '  ',
]

const soup = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 })
  .chain((parts) => fc.constantFrom(parts.join(' '), parts.join('')))
const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 60 }), soup)

/** Random programs that mostly parse, so that running them reaches the evaluator's corners. */
const program = fc.letrec<{ expr: string; statement: string; block: string; command: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      '1',
      '0',
      '-2',
      '1.5',
      "'a'",
      '"b"',
      '$x',
      '$_',
      '$null',
      '$true',
      '@()',
      '@(1, 2)',
      '@{ a = 1 }',
      '1..3',
      "'x@y.z'",
      '[datetime]"2026-01-01"',
      '$Error',
      '$args',
    ),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom(
          '+',
          '-',
          '*',
          '/',
          '%',
          '-eq',
          '-like',
          '-match',
          '-contains',
          '-in',
          '-and',
          '-or',
          '-f',
          '-split',
          '-join',
          '-replace',
          '..',
          '-is',
          '-as',
        ),
        tie('expr'),
      )
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((e) => `(${e})`),
    tie('expr').map((e) => `$(${e})`),
    tie('expr').map((e) => `@(${e})`),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('Count', 'Length', 'Email', 'Name', 'Keys', 'Message', 'Exception', 'Year'),
      )
      .map(([e, m]) => `(${e}).${m}`),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom(
          'ToUpper()',
          'Split(",")',
          'Substring(1)',
          'Trim()',
          'GetType()',
          'ToString("N2")',
          'AddDays(1)',
          'Where({ $_ })',
          'ForEach({ $_ })',
          'Invoke()',
          'Contains(1)',
          'Add(1)',
          'PadLeft(3)',
        ),
      )
      .map(([e, m]) => `(${e}).${m}`),
    fc.tuple(tie('expr'), tie('expr')).map(([e, i]) => `(${e})[${i}]`),
    fc
      .tuple(
        fc.constantFrom(
          'int',
          'string',
          'datetime',
          'bool',
          'array',
          'hashtable',
          'pscustomobject',
          'double',
          'void',
          'nope',
        ),
        tie('expr'),
      )
      .map(([t, e]) => `[${t}](${e})`),
    tie('expr').map((e) => `-not (${e})`),
    tie('expr').map((e) => `"text $(${e}) $x"`),
    tie('block').map((b) => `{ ${b} }`),
    tie('command').map((c) => `(${c})`),
  ),
  command: fc.oneof(
    fc.constantFrom(
      'Get-Thing',
      'Get-Thing -Count 2',
      'Write-Problem',
      "Get-Failure 'f'",
      'Get-Nope',
      'Remove-Thing -WhatIf',
      'Get-Thing -Count x',
    ),
    tie('expr').map((e) => `Write-Value (${e})`),
    tie('expr').map((e) => `Write-Value -Value:(${e}) -Flag`),
    fc.tuple(tie('expr'), tie('block')).map(([e, b]) => `(${e}) | ForEach-Item { ${b} }`),
    fc.tuple(tie('expr'), tie('expr')).map(([e, f]) => `(${e}) | Where-Item { ${f} }`),
    tie('expr').map((e) => `& (${e})`),
  ),
  statement: fc.oneof(
    { depthSize: 'small' },
    tie('expr'),
    tie('command'),
    tie('expr').map((e) => `$x = ${e}`),
    tie('expr').map((e) => `$x += ${e}`),
    fc.tuple(tie('expr'), tie('block'), tie('block')).map(([c, a, b]) => `if (${c}) { ${a} } else { ${b} }`),
    fc.tuple(tie('expr'), tie('block')).map(([c, a]) => `foreach ($x in ${c}) { ${a} }`),
    fc.tuple(tie('block'), tie('block')).map(([a, b]) => `try { ${a} } catch { ${b} } finally { 'f' }`),
    tie('expr').map((e) => `throw (${e})`),
    fc.constantFrom(
      'break',
      'continue',
      'return',
      'exit 1',
      "$ErrorActionPreference = 'Stop'",
      '$i = 0; while ($i -lt 3) { $i++ }',
    ),
  ),
  block: fc.array(tie('statement'), { maxLength: 3 }).map((statements) => statements.join('; ')),
})).block

function checkParse(text: string): void {
  try {
    parse(text)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    const usage = error as UsageError
    expect(usage.code).toBe('ParseError')
    expect(usage.position?.line).toBeGreaterThanOrEqual(1)
    expect(usage.position?.column).toBeGreaterThanOrEqual(1)
    expect(typeof usage.position?.lineText).toBe('string')
    expect(usage.message).not.toMatch(/undefined|\[object /)
  }
}

describe('fuzz', () => {
  it('tokenize never throws and covers the input exactly', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = tokenize(text)
        expect(tokens.map((token) => token.text).join('')).toBe(text)
        expect(typeof isIncomplete(text)).toBe('boolean')
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
    )
  })

  it('parse only ever throws a ParseError with a position', () => {
    fc.assert(fc.property(anyText, checkParse), { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) })
  })

  it('running random scripts only ever throws a VcsError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(soup, program), async (text) => {
        const session = new Session({ host: new RecordingHost(), errorActionPreference: 'Continue' })
        const interpreter = new Interpreter({ registry, session })
        const timer = setTimeout(() => session.abortController.abort(), 200)
        try {
          let count = 0
          for await (const value of interpreter.run(text)) {
            void value
            if (++count > 1000) break
          }
        } catch (error) {
          expect(error).toBeInstanceOf(VcsError)
          expect((error as VcsError).message).not.toMatch(/\[object |is not a function|Cannot read prop/)
        } finally {
          clearTimeout(timer)
        }
        for (const error of interpreter.statementErrors) {
          expect(error).toBeInstanceOf(VcsError)
          expect(error.message).not.toMatch(/is not a function|Cannot read prop|is not iterable/)
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
    )
  })
})
