// The ledger's summary line: what it counts, and what it says when a run cut short left input
// unread (it cannot know how many records were left, so it says the rest was not read).
import { describe, expect, it } from 'vitest'
import { Session, RecordingHost } from '../../src/engine/context.js'
import {
  currentLedger,
  formatLedger,
  readingInput,
  recordFate,
  resetLedger,
  unreadInputs,
} from '../../src/engine/outcome.js'

describe('formatLedger', () => {
  const ledger = (counts: Partial<Record<string, number>>) => {
    const session = new Session({ host: new RecordingHost() })
    for (const [fate, count] of Object.entries(counts)) recordFate(session, fate as never, count)
    return currentLedger(session)!
  }

  it('names only the fates that occurred; a run cut short always says how many were not attempted', () => {
    expect(formatLedger(ledger({ invited: 120, failed: 3 }))).toBe('Summary: 120 invited, 3 failed.')
    expect(formatLedger(ledger({ invited: 120 }), true)).toBe('Summary: 120 invited, 0 not attempted.')
  })

  it('input not read to its end: the count is of what was read, and the rest is said to be unread', () => {
    expect(formatLedger(ledger({ invited: 40, notAttempted: 20 }), true, ['standard input'])).toBe(
      'Summary: 40 invited, 20 not attempted (read but not sent; the rest of standard input was not read).',
    )
    // Only a run cut short says it: one that ran to its end had nothing left unread that mattered.
    expect(formatLedger(ledger({ invited: 40 }), false, ['standard input'])).toBe('Summary: 40 invited.')
  })
})

describe('readingInput', () => {
  it('a source is unread until its reader says it reached the end; a new line starts afresh', () => {
    const session = new Session({ host: new RecordingHost() })
    const ended = readingInput(session, 'standard input')
    readingInput(session, "'people.csv'")
    expect(unreadInputs(session)).toEqual(['standard input', "'people.csv'"])
    ended()
    expect(unreadInputs(session)).toEqual(["'people.csv'"])
    resetLedger(session)
    expect(unreadInputs(session)).toEqual([])
  })
})
