// param() blocks, with their attributes ([Parameter(Mandatory)], [ValidateSet(...)]) and types, at the
// top of a script or a script block.
import type {
  AttributeNode,
  Expression,
  NamedBlocks,
  ParamBlock,
  ParameterDeclaration,
  TypeName,
} from './ast.js'
import { isCommandStart, isNameChar, KEYWORDS } from './characters.js'
import type { LexToken } from './lexer.js'
import { CommandParser } from './parse-commands.js'
import { variableNode } from './parse-literals.js'

export abstract class ParamParser extends CommandParser {
  /** The keyword at the current position (lower-case), or undefined when it is a command or expression. */
  protected keywordAt(): string | undefined {
    if (!isCommandStart(this.char(), this.char(this.pos + 1))) return undefined
    const end = this.lexer.genericEnd(this.pos)
    const word = this.text.slice(this.pos, end).toLowerCase()
    return KEYWORDS.has(word) ? word : undefined
  }

  /** `param(...)` (optionally after `[CmdletBinding()]`) at the current position, else undefined. */
  protected parseParamBlockIfPresent(): ParamBlock | undefined {
    const saved = this.pos
    this.skipSeparators()
    const attributes: AttributeNode[] = []
    while (this.char() === '[' && this.looksLikeAttribute(this.pos + 1)) {
      attributes.push(this.parseAttribute(this.take(this.peek())))
      this.skipSeparators()
    }
    if (this.keywordAt() !== 'param') {
      this.pos = saved
      return undefined
    }
    const block = this.parseParamList()
    block.attributes = attributes
    return block
  }

  /** `function Name($a, [int]$b = 2)`: the parameters written after the name. */
  protected parseInlineParameters(open: LexToken): ParamBlock {
    return this.parseParamList(open)
  }

  /** `param( ... )` at the current position (or, with `inlineOpen`, after that parenthesis). */
  private parseParamList(inlineOpen?: LexToken): ParamBlock {
    const start = inlineOpen ? inlineOpen.start : this.pos
    let open: LexToken
    if (inlineOpen) {
      open = this.take(inlineOpen)
    } else {
      this.pos += 5
      this.skipNewlines()
      open = this.expect('(', "Missing '(' after 'param'.", { start, end: start + 5 })
    }
    const parameters: ParameterDeclaration[] = []
    this.skipNewlines()
    if (this.at(')')) {
      const close = this.take(this.peek())
      return { kind: 'ParamBlock', parameters, start, end: close.end }
    }
    for (;;) {
      this.skipNewlines()
      parameters.push(this.parseParameterDeclaration(open))
      this.skipNewlines()
      const token = this.peek()
      if (token.type === 'operator' && token.text === ',') {
        this.take(token)
        continue
      }
      if (token.type === 'punct' && token.text === ')') {
        this.take(token)
        return { kind: 'ParamBlock', parameters, start, end: token.end }
      }
      throw this.error(
        "Missing ')' in the param block.",
        this.spanOf(token.type === 'eof' ? open : token),
        token.type === 'eof',
      )
    }
  }

  private parseParameterDeclaration(open: LexToken): ParameterDeclaration {
    const attributes: AttributeNode[] = []
    let type: TypeName | undefined
    const start = this.pos
    for (;;) {
      const token = this.peek()
      if (!(token.type === 'punct' && token.text === '[')) break
      if (this.looksLikeAttribute(token.end)) attributes.push(this.parseAttribute(this.take(token)))
      else type = this.parseTypeName(token)
      this.skipNewlines()
    }
    const variable = this.peek()
    if (variable.type !== 'variable') {
      throw this.error(
        'Missing variable name in the param block.',
        this.spanOf(variable.type === 'eof' ? open : variable),
        variable.type === 'eof',
      )
    }
    this.take(variable)
    let defaultValue: Expression | undefined
    if (this.at('=')) {
      const equals = this.take(this.peek())
      this.skipNewlines()
      if (!this.startsOperand(this.peek())) {
        throw this.error(
          `Missing a default value after '=' for $${String(variable.value)}.`,
          this.spanOf(equals),
          this.peek().type === 'eof',
        )
      }
      const saved = this.allowComma
      this.allowComma = false
      try {
        defaultValue = this.parseExpression()
      } finally {
        this.allowComma = saved
      }
    }
    return {
      name: variableNode(String(variable.value), variable).name,
      type,
      defaultValue,
      attributes,
      start,
      end: defaultValue?.end ?? variable.end,
    }
  }

  /** `begin { } process { } end { }` inside a script block, up to (not past) its closing brace. */
  protected parseNamedBlocks(open: LexToken): NamedBlocks | undefined {
    this.skipSeparators()
    const first = this.keywordAt()
    if (first !== 'begin' && first !== 'process' && first !== 'end' && first !== 'dynamicparam')
      return undefined
    const blocks: NamedBlocks = {}
    for (;;) {
      this.skipSeparators()
      const token = this.peek()
      if (token.type === 'punct' && token.text === '}') return blocks
      if (token.type === 'eof')
        throw this.error("Missing closing '}' in statement block.", this.spanOf(open), true)
      const keyword = this.keywordAt()
      const span = { start: this.pos, end: this.pos + (keyword?.length ?? 1) }
      if (keyword === 'dynamicparam')
        throw this.error("The 'dynamicparam' block is not supported in vcs-shell scripts.", span)
      if (keyword !== 'begin' && keyword !== 'process' && keyword !== 'end') {
        throw this.error(
          'Unexpected statement: in a script block with named blocks, every statement must be in a begin, process or end block.',
          span,
        )
      }
      if (blocks[keyword]) throw this.error(`The ${keyword} block is defined twice.`, span)
      this.pos = span.end
      this.skipNewlines()
      const brace = this.peek()
      if (!(brace.type === 'punct' && brace.text === '{')) {
        throw this.error(`Missing statement block after '${keyword}'.`, span, brace.type === 'eof')
      }
      this.take(brace)
      const statements = this.freshContext(() =>
        this.parseStatementList('}', "Missing closing '}' in statement block.", this.spanOf(brace)),
      )
      const close = this.take(this.peek())
      blocks[keyword] = { kind: 'Block', statements, start: brace.start, end: close.end }
    }
  }

  /** `[Name(` starts an attribute, `[Name]` a type. */
  private looksLikeAttribute(from: number): boolean {
    let i = from
    while (isNameChar(this.char(i)) || this.char(i) === '.') i++
    return i > from && this.char(i) === '('
  }

  private parseAttribute(open: LexToken): AttributeNode {
    let end = open.end
    while (isNameChar(this.char(end)) || this.char(end) === '.') end++
    const name = this.text.slice(open.end, end)
    this.pos = end + 1
    const positional: Expression[] = []
    const named: AttributeNode['named'] = []
    this.freshContext(() => {
      this.allowComma = false
      for (;;) {
        this.skipNewlines()
        const token = this.peek()
        if (token.type === 'punct' && token.text === ')') {
          this.take(token)
          break
        }
        if (token.type === 'identifier') {
          this.take(token)
          if (this.at('=')) {
            this.take(this.peek())
            this.skipNewlines()
            named.push({ name: token.text, value: this.parseExpression() })
          } else {
            named.push({ name: token.text })
          }
        } else if (this.startsOperand(token)) {
          positional.push(this.parseExpression())
        } else {
          throw this.error(
            `Missing ')' in the attribute [${name}(...)].`,
            this.spanOf(token.type === 'eof' ? open : token),
            token.type === 'eof',
          )
        }
        this.skipNewlines()
        if (this.at(',')) this.take(this.peek())
      }
    })
    this.skipSpace()
    const close = this.expect(
      ']',
      `Missing closing ']' after the attribute [${name}(...)].`,
      this.spanOf(open),
    )
    return { name, positional, named, start: open.start, end: close.end }
  }
}
