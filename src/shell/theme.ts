// One place for the shell's colours, so every component agrees and NO_COLOR turns them all off at once.
import type { TokenKind } from './tokens.js'

/** Ink `<Text>` style props for one kind of thing on screen. */
export interface TextStyle {
  color?: string
  bold?: boolean
  dimColor?: boolean
  underline?: boolean
  inverse?: boolean
}

/** Every role a colour plays in the shell. */
export interface Theme {
  readonly colorEnabled: boolean
  prompt: TextStyle
  promptDisconnected: TextStyle
  tokens: Record<TokenKind, TextStyle>
  error: TextStyle
  errorCaret: TextStyle
  hint: TextStyle
  warning: TextStyle
  verbose: TextStyle
  whatIf: TextStyle
  tableHeader: TextStyle
  selection: TextStyle
  muted: TextStyle
  progressBar: TextStyle
  accent: TextStyle
}

/** True when colour must be off: NO_COLOR set to anything non-empty (https://no-color.org). */
export function noColorRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return typeof env.NO_COLOR === 'string' && env.NO_COLOR !== ''
}

const coloured: Omit<Theme, 'colorEnabled'> = {
  prompt: { color: 'green', bold: true },
  promptDisconnected: { color: 'yellow', bold: true },
  tokens: {
    command: { color: 'yellow' },
    parameter: { color: 'gray' },
    string: { color: 'cyan' },
    variable: { color: 'green' },
    number: { color: 'magenta' },
    operator: { color: 'gray' },
    keyword: { color: 'blue' },
    comment: { color: 'gray', dimColor: true },
    punctuation: {},
    whitespace: {},
    newline: {},
    error: { color: 'red', underline: true },
    word: {},
  },
  error: { color: 'red' },
  errorCaret: { color: 'red', bold: true },
  hint: { color: 'cyan' },
  warning: { color: 'yellow' },
  verbose: { color: 'gray' },
  whatIf: { color: 'cyan' },
  tableHeader: { color: 'green', bold: true },
  selection: { inverse: true },
  muted: { dimColor: true },
  progressBar: { color: 'cyan' },
  accent: { color: 'cyan' },
}

/** Strips colours but keeps what carries meaning without colour: underline, inverse, bold. */
function monochrome(style: TextStyle): TextStyle {
  const { underline, inverse, bold } = style
  return { ...(underline ? { underline } : {}), ...(inverse ? { inverse } : {}), ...(bold ? { bold } : {}) }
}

/** Builds the theme; with NO_COLOR every style loses its colour (errors stay underlined). */
export function createTheme(colorEnabled = !noColorRequested()): Theme {
  if (colorEnabled) return { colorEnabled, ...coloured }
  const tokens = Object.fromEntries(
    Object.entries(coloured.tokens).map(([kind, style]) => [kind, monochrome(style)]),
  ) as Record<TokenKind, TextStyle>
  const plain = Object.fromEntries(
    Object.entries(coloured)
      .filter(([key]) => key !== 'tokens')
      .map(([key, style]) => [key, monochrome(style as TextStyle)]),
  ) as Omit<Theme, 'colorEnabled' | 'tokens'>
  return { colorEnabled, ...plain, tokens }
}
