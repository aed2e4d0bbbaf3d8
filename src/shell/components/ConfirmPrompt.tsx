// ShouldProcess confirmation, drawn inline with PowerShell's choices; the answer resolves the engine's promise.
// As in PowerShell, the answer is a line: a letter (or the choice's name), then Enter. A single key never
// answers, so "no" typed fast or pasted cannot leave an Enter behind that would mean Yes.
import { useRef, useState } from 'react'
import { Box, Text, useInput, type Key } from 'ink'
import type { ConfirmChoice, ConfirmRequest } from '../../engine/index.js'
import type { Theme } from '../theme.js'
import { clean } from '../scrollback.js'

export interface ConfirmPromptProps {
  request: ConfirmRequest
  theme: Theme
  /** The choice, and the line as typed (for the scroll-back echo). */
  onAnswer: (choice: ConfirmChoice, typed: string) => void
  /** Ctrl+C: decline and cancel the whole pipeline. */
  onCancel: () => void
  /** Where the shell sends keys while the prompt is open; without it, the prompt reads keys itself. */
  keys?: { current: DialogKeyHandler | undefined }
}

/** A dialog's key handler, given Ink's input and key. */
export type DialogKeyHandler = (input: string, key: Key) => void

const CHOICES: ReadonlyArray<[key: string, label: string, choice: ConfirmChoice]> = [
  ['Y', 'Yes', 'yes'],
  ['A', 'Yes to All', 'yesToAll'],
  ['N', 'No', 'no'],
  ['L', 'No to All', 'noToAll'],
]

/** `[Y] Yes  [A] Yes to All  [N] No  [L] No to All (default is "Y"): ` */
export const CHOICES_LINE = `${CHOICES.map(([letter, label]) => `[${letter}] ${label}`).join('  ')} (default is "Y"): `

/**
 * What a typed line means: empty is the default (Yes), then a choice's letter or its name, any case.
 * Anything else is undefined: the prompt asks again, as PowerShell does.
 */
export function parseChoice(line: string): ConfirmChoice | undefined {
  const answer = line.trim().toLowerCase()
  if (answer === '') return 'yes'
  return CHOICES.find(
    ([letter, label]) => answer === letter.toLowerCase() || answer === label.toLowerCase(),
  )?.[2]
}

export function ConfirmPrompt({ request, theme, onAnswer, onCancel, keys }: ConfirmPromptProps) {
  const [typed, setTyped] = useState('')
  const [invalid, setInvalid] = useState<string | undefined>(undefined)
  // Keys can arrive faster than renders: the line is kept in a ref too.
  const line = useRef('')
  const answered = useRef(false)
  const update = (text: string) => {
    line.current = text
    setTyped(text)
  }
  const submit = () => {
    const choice = parseChoice(line.current)
    if (choice === undefined) {
      setInvalid(line.current.trim())
      return update('')
    }
    answered.current = true
    onAnswer(choice, line.current.trim())
  }

  const onKey: DialogKeyHandler = (input, key) => {
    if (answered.current) return
    if (key.ctrl && input === 'c') {
      answered.current = true
      return onCancel()
    }
    if (key.return) return submit()
    if (key.backspace || key.delete) return update(line.current.slice(0, -1))
    if (key.ctrl || key.meta || key.escape || key.tab) return
    // A chunk can hold the line and its Enter ("no\r" pasted or typed ahead).
    const [first, ...rest] = input.split(/\r\n?|\n/)
    // eslint-disable-next-line no-control-regex
    update(line.current + first.replace(/[\x00-\x1f\x7f]/g, ''))
    if (rest.length > 0) submit()
  }
  // Set while rendering, so the first key after the prompt appears already reaches it.
  if (keys) keys.current = onKey
  useInput(onKey, { isActive: !keys })
  return (
    <Box flexDirection="column">
      <Text bold>{clean(request.caption)}</Text>
      <Text>{clean(request.message)}</Text>
      {invalid !== undefined && (
        <Text
          {...theme.warning}
        >{`'${invalid}' is not a choice: type Y, A, N or L (or nothing for Yes), then Enter.`}</Text>
      )}
      <Text>
        {CHOICES.map(([letter, label], i) => (
          <Text key={letter}>
            {i > 0 ? '  ' : ''}
            <Text {...(i === 0 ? theme.warning : {})}>{`[${letter}] ${label}`}</Text>
          </Text>
        ))}
        {' (default is "Y"): '}
        {typed}
      </Text>
    </Box>
  )
}
