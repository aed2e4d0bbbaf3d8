// Static members and methods of the few .NET types scripts use: `[datetime]::Now`, `[int]::MaxValue`,
// `[math]::Round(2.5)`, `[string]::IsNullOrEmpty($x)`, `[regex]::Matches()`, `[timespan]::new()`.
import { newException, withException } from './exceptions.js'
import os from 'node:os'
import { posix } from 'node:path'
import { RuntimeError } from '../engine/errors.js'
import { withTypeName } from '../engine/objects.js'
import { markUtc, parseDateExact, parseDateText } from '../engine/dates.js'
import { matchObject, newList, setReference, StringBuilderValue } from './dotnet.js'
import { formatOperator, timeSpan } from './formatting.js'
import { dotnetReplacement } from './operators.js'
import {
  convertTo,
  listElementTypeOf,
  roundHalfEven,
  toNumber,
  toText,
  TypeValue,
  unknownType,
} from './types.js'

/** `[datetime]::Now`, `[int]::MaxValue`, `[Environment]::NewLine`. */
export function getStaticMember(type: TypeValue, name: string): unknown {
  const lower = name.toLowerCase()
  switch (type.canonical) {
    case 'datetime':
      if (lower === 'now') return new Date()
      if (lower === 'utcnow') return markUtc(new Date())
      if (lower === 'today') {
        const now = new Date()
        return new Date(now.getFullYear(), now.getMonth(), now.getDate())
      }
      if (lower === 'minvalue') return new Date(-62135596800000)
      if (lower === 'maxvalue') return new Date(253402300799999)
      break
    case 'int':
      if (lower === 'maxvalue') return 2147483647
      if (lower === 'minvalue') return -2147483648
      break
    case 'long':
      if (lower === 'maxvalue') return Number.MAX_SAFE_INTEGER
      if (lower === 'minvalue') return Number.MIN_SAFE_INTEGER
      break
    case 'double':
      if (lower === 'maxvalue') return Number.MAX_VALUE
      if (lower === 'nan') return NaN
      break
    case 'string':
      if (lower === 'empty') return ''
      break
    case 'math':
      if (lower === 'pi') return Math.PI
      if (lower === 'e') return Math.E
      break
    case 'stringsplitoptions': {
      // The enum's members as their names, which String.Split reads (as PowerShell converts them).
      const member = ['None', 'RemoveEmptyEntries', 'TrimEntries'].find(
        (known) => known.toLowerCase() === lower,
      )
      if (member) return member
      break
    }
    case 'path':
      if (lower === 'directoryseparatorchar' || lower === 'altdirectoryseparatorchar') return '/'
      if (lower === 'pathseparator') return ':'
      break
    case 'environment':
      if (lower === 'newline') return os.EOL
      if (lower === 'machinename') return os.hostname()
      if (lower === 'username') return os.userInfo().username
      break
    case undefined:
      throw unknownType(type)
  }
  throw new RuntimeError('RuntimeError', `The type [${type.name}] has no static member '${name}'.`, {
    category: 'InvalidOperation',
  })
}

/** `[math]::Round(2.5)`, `[string]::IsNullOrEmpty($x)`, `[datetime]::Parse($text)`, `[guid]::NewGuid()`. */
export function invokeStatic(type: TypeValue, name: string, args: unknown[]): unknown {
  const lower = name.toLowerCase()
  const number = (index: number) => toNumber(args[index])
  switch (`${type.canonical}::${lower}`) {
    case 'math::round': {
      const digits = args.length > 1 ? number(1) : 0
      const factor = 10 ** digits
      return roundHalfEven(number(0) * factor) / factor
    }
    case 'math::floor':
      return Math.floor(number(0))
    case 'math::ceiling':
      return Math.ceil(number(0))
    case 'math::truncate':
      return Math.trunc(number(0))
    case 'math::abs':
      return Math.abs(number(0))
    case 'math::max':
      return Math.max(number(0), number(1))
    case 'math::min':
      return Math.min(number(0), number(1))
    case 'math::pow':
      return number(0) ** number(1)
    case 'math::sqrt':
      return Math.sqrt(number(0))
    case 'string::isnullorempty':
      return args[0] === null || args[0] === undefined || toText(args[0]) === ''
    case 'string::isnullorwhitespace':
      return args[0] === null || args[0] === undefined || toText(args[0]).trim() === ''
    case 'string::join': {
      const items = args.length === 2 && Array.isArray(args[1]) ? args[1] : args.slice(1)
      return items.map(toText).join(toText(args[0]))
    }
    case 'string::concat':
      return args.map(toText).join('')
    case 'datetime::parse':
      return parseDate(args[0], () => parseDateText(toText(args[0])))
    case 'datetime::parseexact':
      return parseDate(args[0], () => exactDate(args[0], args[1]))
    case 'datetime::tryparse':
      return tryParse(args[1], 'TryParse', () => parseDateText(toText(args[0])), new Date(-62135596800000))
    case 'datetime::tryparseexact':
      return tryParse(
        args[args.length - 1],
        'TryParseExact',
        () => exactDate(args[0], args[1]),
        new Date(-62135596800000),
      )
    case 'int::tryparse':
    case 'long::tryparse':
    case 'double::tryparse':
      return tryParse(args[args.length - 1], 'TryParse', () => parseNumber(type, args[0]), 0)
    case 'bool::parse':
    case 'bool::tryparse': {
      const text = toText(args[0]).trim().toLowerCase()
      const value = text === 'true' ? true : text === 'false' ? false : undefined
      if (lower === 'tryparse') return tryParse(args[1], 'TryParse', () => value, false)
      if (value === undefined)
        throw failed(
          name,
          `String '${toText(args[0])}' was not recognized as a valid Boolean.`,
          'FormatException',
        )
      return value
    }
    case 'string::format':
      return formatOperator(
        toText(args[0]),
        args.length === 2 && Array.isArray(args[1]) ? args[1] : args.slice(1),
      )
    case 'regex::match':
    case 'regex::matches':
    case 'regex::ismatch': {
      const expression = dotnetRegex(args[1], args[2], true)
      const input = toText(args[0])
      const all = [...input.matchAll(expression)].map(matchObject)
      if (lower === 'ismatch') return all.length > 0
      if (lower === 'matches') return all
      return all[0] ?? failedMatch()
    }
    case 'regex::replace': {
      const expression = dotnetRegex(args[1], args[3], true)
      const input = toText(args[0])
      return input.replace(expression, (...found) => {
        const groups = typeof found[found.length - 1] === 'object' ? found.pop() : undefined
        found.pop()
        const index = found.pop() as number
        const match = Object.assign([...found] as string[], {
          index,
          input,
          groups,
        }) as unknown as RegExpExecArray
        return dotnetReplacement(toText(args[2]), match, input)
      })
    }
    case 'regex::split':
      return toText(args[0]).split(dotnetRegex(args[1], args[2], false))
    case 'regex::unescape':
      return toText(args[0]).replace(/\\(.)/g, '$1')
    case 'list::new':
      return newList(listElementTypeOf(type), Array.isArray(args[0]) ? args[0] : [])
    case 'exception::new':
    case 'exceptiontype::new':
      return newException(type.name, args[0])
    case 'stringbuilder::new':
      return new StringBuilderValue(typeof args[0] === 'string' ? args[0] : '')
    case 'datetime::daysinmonth':
      return new Date(number(0), number(1), 0).getDate()
    case 'guid::newguid':
      return globalThis.crypto.randomUUID()
    case 'regex::escape':
      // .NET's Regex.Escape: \ * + ? | { [ ( ) ^ $ . # and white space (not } or ]).
      return toText(args[0])
        .replace(/[\\*+?|{[()^$.#]/g, '\\$&')
        .replace(/\s/g, (space) =>
          space === ' '
            ? '\\ '
            : space === '\t'
              ? '\\t'
              : space === '\n'
                ? '\\n'
                : space === '\r'
                  ? '\\r'
                  : '\\f',
        )
    case 'path::gettemppath':
      // .NET on Linux and macOS: $TMPDIR or /tmp, with a trailing separator.
      return os.tmpdir().replace(/\/?$/, '/')
    case 'path::combine':
    case 'path::join':
      return pathJoin(args.flat().map(toText), lower === 'combine')
    case 'path::getfilename':
      return toText(args[0]).slice(toText(args[0]).lastIndexOf('/') + 1)
    case 'path::getextension': {
      const name = posix.basename(toText(args[0]))
      const dot = name.lastIndexOf('.')
      return dot < 0 || dot === name.length - 1 ? '' : name.slice(dot)
    }
    case 'path::getfilenamewithoutextension': {
      const name = toText(args[0]).slice(toText(args[0]).lastIndexOf('/') + 1)
      const dot = name.lastIndexOf('.')
      return dot < 0 ? name : name.slice(0, dot)
    }
    case 'path::getdirectoryname': {
      const text = toText(args[0])
      if (text === '' || text === '/') return null
      const slash = text.lastIndexOf('/')
      return slash < 0 ? '' : slash === 0 ? '/' : text.slice(0, slash)
    }
    case 'environment::getenvironmentvariable':
      return process.env[toText(args[0])] ?? null
    case 'int::parse':
    case 'long::parse':
    case 'double::parse': {
      const value = parseNumber(type, args[0])
      if (value === undefined)
        throw failed(name, 'The input string was not in a correct format.', 'FormatException')
      return value
    }
    case 'timespan::fromdays':
    case 'timespan::fromhours':
    case 'timespan::fromminutes':
    case 'timespan::fromseconds':
      return timeSpanFrom(lower.slice(4), number(0))
    case 'timespan::new':
      return newTimeSpan(args.map((_, index) => number(index)))
  }
  if (type.canonical === undefined) throw unknownType(type)
  throw new RuntimeError('RuntimeError', `The type [${type.name}] has no static method '${name}'.`, {
    category: 'InvalidOperation',
  })
}

/**
 * .NET's TimeSpan constructors: (ticks), (hours, minutes, seconds), (days, hours, minutes, seconds)
 * and (days, hours, minutes, seconds, milliseconds).
 */
function newTimeSpan(parts: number[]): unknown {
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = parts
  switch (parts.length) {
    case 0:
      return timeSpan(0)
    case 1:
      return timeSpan(a / 10_000)
    case 3:
      return timeSpan(((a * 60 + b) * 60 + c) * 1000)
    case 4:
    case 5:
      return timeSpan((((a * 24 + b) * 60 + c) * 60 + d) * 1000 + e)
    default:
      throw new RuntimeError(
        'RuntimeError',
        `Cannot find an overload for "new" and the argument count: "${parts.length}".`,
        {
          category: 'InvalidOperation',
          hint: '[timespan]::new(hours, minutes, seconds) or (days, hours, minutes, seconds).',
        },
      )
  }
}

function failed(name: string, reason: string, inner: string): RuntimeError {
  return withException(
    new RuntimeError('RuntimeError', `Exception calling "${name}": "${reason}"`, {
      category: 'InvalidArgument',
    }),
    { outer: 'MethodInvocationException', inner },
  )
}

function failedMatch(): Record<string, unknown> {
  return withTypeName('Match', { Groups: [], Success: false, Index: 0, Length: 0, Value: '' })
}

/** [datetime]::Parse / ParseExact: the date, or .NET's FormatException. */
function parseDate(text: unknown, parse: () => Date | undefined): Date {
  const date = parse()
  if (date) return date
  throw failed('Parse', `String '${toText(text)}' was not recognized as a valid DateTime.`, 'FormatException')
}

/** ParseExact's formats: one, or an array of them (the first that fits). */
function exactDate(text: unknown, formats: unknown): Date | undefined {
  for (const format of Array.isArray(formats) ? formats : [formats]) {
    const date = parseDateExact(toText(text), toText(format))
    if (date) return date
  }
  return undefined
}

/** TryParse: sets the [ref] argument to the value (or the default) and says whether it parsed. */
function tryParse(reference: unknown, method: string, parse: () => unknown, fallback: unknown): boolean {
  let value: unknown
  try {
    value = parse()
  } catch {
    value = undefined
  }
  setReference(reference, value ?? fallback, method)
  return value !== undefined
}

/** [int]::Parse's strict number text: digits with an optional sign (and a fraction for double). */
function parseNumber(type: TypeValue, value: unknown): number | undefined {
  const text = toText(value).trim()
  const integer = type.canonical !== 'double'
  if (!(integer ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i).test(text)) return undefined
  try {
    return integer ? (convertTo(type, text) as number) : Number(text)
  } catch {
    return undefined
  }
}

/** A [regex]:: pattern with its RegexOptions ('IgnoreCase', 'Multiline', ...); case-sensitive by default. */
function dotnetRegex(pattern: unknown, options: unknown, global: boolean): RegExp {
  const names = (Array.isArray(options) ? options : [options]).flatMap((option) =>
    option === null || option === undefined
      ? []
      : toText(option)
          .toLowerCase()
          .split(/\s*,\s*/),
  )
  const flags = `${global ? 'g' : ''}d${names.includes('ignorecase') ? 'i' : ''}${names.includes('multiline') ? 'm' : ''}${names.includes('singleline') ? 's' : ''}`
  try {
    return new RegExp(toText(pattern), flags)
  } catch (error) {
    throw new RuntimeError(
      'RuntimeError',
      `The regular expression pattern '${toText(pattern)}' is not valid: ${(error as Error).message}`,
      {
        category: 'InvalidArgument',
      },
    )
  }
}

const UNIT_MS: Record<string, number> = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 }

function timeSpanFrom(unit: string, amount: number): unknown {
  return timeSpan(amount * UNIT_MS[unit])
}

/** [System.IO.Path]::Combine (a rooted part starts over) and ::Join (parts are only joined), with '/'. */
function pathJoin(parts: string[], combine: boolean): string {
  let joined = ''
  for (const part of parts) {
    if (part === '') continue
    if (combine && part.startsWith('/')) joined = part
    else
      joined =
        joined === '' || joined.endsWith('/') || part.startsWith('/') ? joined + part : `${joined}/${part}`
  }
  return joined
}
