import { describe, expect, it } from 'vitest'
import { isIncomplete, tokenize } from '../../src/language/index.js'

/** `kind:text` of every token that is not whitespace. */
const shape = (text: string) =>
  tokenize(text)
    .filter((token) => token.kind !== 'whitespace')
    .map((token) => `${token.kind}:${token.text}`)

describe('tokenize', () => {
  it.each([
    [
      "Get-VcsUser -Name 'A*' | Select-Object -First 5 Email, Name",
      [
        'command:Get-VcsUser',
        'parameter:-Name',
        "string:'A*'",
        'operator:|',
        'command:Select-Object',
        'parameter:-First',
        'number:5',
        'word:Email',
        'punctuation:,',
        'word:Name',
      ],
    ],
    [
      '$users = Get-VcsUser # all of them',
      ['variable:$users', 'operator:=', 'command:Get-VcsUser', 'comment:# all of them'],
    ],
    [
      "gu | ? { $_.Email -like '*@corp.com' }",
      [
        'command:gu',
        'operator:|',
        'command:?',
        'punctuation:{',
        'variable:$_',
        'punctuation:.',
        'word:Email',
        'operator:-like',
        "string:'*@corp.com'",
        'punctuation:}',
      ],
    ],
    [
      'if ($n -gt 1) { 1 } else { 2 }',
      [
        'keyword:if',
        'punctuation:(',
        'variable:$n',
        'operator:-gt',
        'number:1',
        'punctuation:)',
        'punctuation:{',
        'number:1',
        'punctuation:}',
        'keyword:else',
        'punctuation:{',
        'number:2',
        'punctuation:}',
      ],
    ],
    [
      "@{ Email = 'x'; Role = 'y' }",
      [
        'punctuation:@{',
        'word:Email',
        'operator:=',
        "string:'x'",
        'punctuation:;',
        'word:Role',
        'operator:=',
        "string:'y'",
        'punctuation:}',
      ],
    ],
    [
      'Remove-X -Confirm:$false -Name $prefix*',
      [
        'command:Remove-X',
        'parameter:-Confirm:',
        'variable:$false',
        'parameter:-Name',
        'variable:$prefix',
        'word:*',
      ],
    ],
    ['foreach ($u in $users) {}', expect.arrayContaining(['keyword:foreach', 'keyword:in'])],
    ['"a $(Get-X -Name "b") c"', ['string:"a $(Get-X -Name "b") c"']],
    ["'unterminated", ["error:'unterminated"]],
    ['<# block #> Get-X', ['comment:<# block #>', 'command:Get-X']],
    ['Get-X `\n  -Force', ['command:Get-X', 'parameter:-Force']],
    ["return 'x'", ['keyword:return', "string:'x'"]],
    ['Get-X if', ['command:Get-X', 'word:if']],
  ])('%j', (text, expected) => {
    expect(shape(text)).toEqual(expected)
  })

  it('covers the text without gaps or overlaps', () => {
    const text = 'Get-X -Name "a$b" | % { $_.Id * 2 } ; $h = @{a=1}\n<# c #> \'q\''
    const tokens = tokenize(text)
    expect(tokens.map((token) => token.text).join('')).toBe(text)
    tokens.forEach((token, index) => {
      expect(token.start).toBe(index === 0 ? 0 : tokens[index - 1].end)
      expect(text.slice(token.start, token.end)).toBe(token.text)
    })
  })

  it('never throws on odd input', () => {
    for (const text of ['$', '@', '${', '$(', '"$(', '@"', '`', '[', '::', '-', '\u0000', '\r\n', "@'\r\n"]) {
      expect(() => tokenize(text)).not.toThrow()
      expect(
        tokenize(text)
          .map((token) => token.text)
          .join(''),
      ).toBe(text)
    }
  })

  // Speed is measured in benchmarks, never in tests; what a test can pin down is that every
  // character of a long input is covered exactly once, in order, whatever its size.
  it('covers a long input with contiguous tokens', () => {
    const line =
      'Get-VcsUser -Name \'A*\' | Where-Object { $_.Email -like "*@corp.com" } | Select-Object -First 5\n'
    const text = line.repeat(400)
    const tokens = tokenize(text)
    let offset = 0
    for (const token of tokens) {
      expect(token.start).toBe(offset)
      expect(token.end).toBeGreaterThan(token.start)
      offset = token.end
    }
    expect(offset).toBe(text.length)
    expect(tokens.filter((token) => token.kind === 'command')).toHaveLength(1200)
  })
})

describe('isIncomplete', () => {
  it.each([
    ['Get-X |', true],
    ['Get-X `', true],
    ['if ($x) {', true],
    ['$h = @{', true],
    ["'abc", true],
    ['"abc $(Get-X', true],
    ["@'\nabc", true],
    ['<# comment', true],
    ['$a[', true],
    ["Get-X -Name 'a',", true],
    ['if ($x)', true],
    ['$a -and', true],
    ['try { Get-X }', true],
    ['foreach ($u in $users)', true],
    ['$x =', true],
    ['Get-X )', false],
    ['if ($x) { 1 } else', true],
    ['Get-X', false],
    ['', false],
    ['if ($x) { 1 }', false],
    ["@'\nabc\n'@", false],
    ['Get-X # trailing |', false],
  ])('%j -> %s', (text, expected) => {
    expect(isIncomplete(text)).toBe(expected)
  })
})
