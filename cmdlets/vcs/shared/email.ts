// What an invitee e-mail may contain beyond the basic shape: invisible and direction-changing
// characters are refused (the address shown is not the address sent), and a domain that mixes
// scripts (a Cyrillic "е" in "ехample.com") is sent but warned about, with its punycode form, which is
// what the mail system will use (UTS #39, "mixed-script confusables").
import { domainToASCII } from 'node:url'

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u
const NON_ASCII = /[^ -~]/u
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060\ufeff]/u
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Arabic',
  'Hebrew',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Thai',
  'Devanagari',
]
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const)

/** Why the address must not be sent, or undefined. */
export function unsafeEmailReason(email: string): string | undefined {
  if (CONTROL.test(email)) return 'it contains a control character'
  if (INVISIBLE.test(email)) return 'it contains an invisible (zero-width) character'
  if (BIDI.test(email)) return 'it contains a character that changes text direction'
  const domain = email.slice(email.lastIndexOf('@') + 1)
  if (NON_ASCII.test(domain) && domainToASCII(domain) === '')
    return 'its domain is not a valid internationalised domain name'
  return undefined
}

/** A warning for an internationalised domain: its scripts when mixed, and always its punycode form. */
export function emailDomainWarning(email: string): string | undefined {
  const domain = email.slice(email.lastIndexOf('@') + 1)
  if (!NON_ASCII.test(domain)) return undefined
  const ascii = domainToASCII(domain)
  const scripts = new Set<string>()
  for (const char of domain) {
    const found = SCRIPT_TESTS.find(([, test]) => test.test(char))
    if (found) scripts.add(found[0])
  }
  const mixed =
    scripts.size > 1
      ? ` mixes ${[...scripts].join(' and ')} letters, which can imitate another domain; it`
      : ''
  return `The domain of ${email}${mixed} is ${ascii} as mail systems see it.`
}

const PLAIN_EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:.]+(\.[^\s@"<>(),;:.]+)+$/

/** Plain e-mail syntax, as invitations need it: one @, a dot in the domain, no spaces or quotes. */
export function isPlainEmail(email: string): boolean {
  return PLAIN_EMAIL.test(email)
}
