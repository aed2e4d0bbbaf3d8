// Resource limits: wildcard matching never backtracks (a pattern with many stars against a long
// name answers at once instead of running for minutes), and an expression too long for the stack
// is a diagnostic, never "Maximum call stack size exceeded".
import { describe, expect, it } from 'vitest'
import { toVcsError } from '../../src/engine/index.js'
import { matchWildcard } from '../../src/engine/wildcard.js'
import { run } from '../language/helpers.js'

/** The RangeError a runaway recursion raises. */
function stackOverflow(): unknown {
  const recurse = (n: number): number => recurse(n + 1) + 1
  try {
    return recurse(0)
  } catch (error) {
    return error
  }
}

describe('wildcards', () => {
  it('answers a pattern that made the regular expression backtrack for minutes', () => {
    const name = 'a'.repeat(200)
    expect(matchWildcard(name, `${'*a'.repeat(30)}*b`)).toBe(false)
    expect(matchWildcard(name, `${'*a'.repeat(30)}*`)).toBe(true)
  })

  // PowerShell about_Wildcards: * any run, ? one character, [a-c] a range, [abc] a set; `-like` is
  // case-insensitive, `-clike` case-sensitive; a backtick escapes.
  it.each([
    ['Ann Smith', 'ann*', true],
    ['Ann Smith', '*SMITH', true],
    ['Ann Smith', 'A?n *', true],
    ['Ann Smith', '[a-c]nn*', true],
    ['Ann Smith', '[!a]nn*', false],
    ['Ann Smith', '*n*m*h', true],
    ['Ann Smith', '*x*', false],
    ['a*b', 'a`*b', true],
    ['axb', 'a`*b', false],
    ['', '*', true],
    ['', '', true],
    ['x', '', false],
    ['ab', 'a*b*', true],
    ['aXbXc', 'a*b*c', true],
    ['abc', 'a*b*c*d', false],
    ['[x', '[x', true],
  ])('%j -like %j is %s', (value, pattern, expected) => {
    expect(matchWildcard(value, pattern)).toBe(expected)
  })

  it('is case-sensitive when asked', () => {
    expect(matchWildcard('Ann', 'ann', true)).toBe(false)
    expect(matchWildcard('Ann', 'A*', true)).toBe(true)
  })
})

describe('long expressions', () => {
  it('ends a 3,000-term expression with a diagnostic', async () => {
    const text = Array.from({ length: 3000 }, () => '1').join(' + ')
    const error = await run(text, { errorAction: 'Stop' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ message: 'The script is nested too deeply to run: the stack ran out.' })
  })

  it('turns a stack overflow from anywhere into a one-line error without JavaScript text', () => {
    const error = toVcsError(stackOverflow())
    expect(error.message).toBe('The script is nested too deeply to run: the stack ran out.')
    expect(error.message).not.toMatch(/Maximum call stack/)
  })
})
