import { describe, expect, it, vi } from 'vitest'
import { render } from 'ink-testing-library'
import { ErrorRecord, registerSecret, UsageError, type ConfirmChoice } from '../../src/engine/index.js'
import { CompletionList } from '../../src/shell/components/CompletionList.js'
import { ConfirmPrompt } from '../../src/shell/components/ConfirmPrompt.js'
import { ErrorView } from '../../src/shell/components/ErrorView.js'
import { InputLine } from '../../src/shell/components/InputLine.js'
import { ProgressBar, formatDuration, progressSummary } from '../../src/shell/components/ProgressBar.js'
import { Prompt } from '../../src/shell/components/Prompt.js'
import { SecretPrompt } from '../../src/shell/components/SecretPrompt.js'
import { highlight } from '../../src/shell/highlight.js'
import { createTheme } from '../../src/shell/theme.js'

const plain = createTheme(false)
const coloured = createTheme(true)
const tick = () => new Promise((resolve) => setTimeout(resolve, 20))
const waitFor = async (until: () => boolean) => {
  const deadline = Date.now() + 5000
  while (!until() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe('Prompt', () => {
  it.each([
    ['demo-org', 'vcs demo-org>'],
    [undefined, 'vcs (not connected)>'],
  ])('shows the connection %s', (org, expected) => {
    expect(render(<Prompt org={org} theme={plain} />).lastFrame()).toBe(expected)
  })
})

describe('highlight and InputLine', () => {
  it('classifies commands, parameters, strings and variables', () => {
    const lines = highlight("Get-VcsUser -Name 'A*' $x", undefined, coloured)
    const styleOf = (text: string) => lines[0].find((segment) => segment.text === text)?.style
    expect(styleOf('Get-VcsUser')).toEqual(coloured.tokens.command)
    expect(styleOf('-Name')).toEqual(coloured.tokens.parameter)
    expect(styleOf("'A*'")).toEqual(coloured.tokens.string)
    expect(styleOf('$x')).toEqual(coloured.tokens.variable)
  })

  it('underlines errors even without colour', () => {
    expect(plain.tokens.error).toEqual({ underline: true })
    expect(plain.tokens.command).toEqual({})
  })

  it('puts the cursor in its own segment and splits lines', () => {
    const lines = highlight('ab {\n  c', 1, plain)
    expect(lines).toHaveLength(2)
    expect(lines[0].find((segment) => segment.cursor)?.text).toBe('b')
    expect(highlight('ab', 2, plain)[0].at(-1)).toMatchObject({ text: ' ', cursor: true })
  })

  it('renders continuation lines with a >> prefix', () => {
    const frame = render(
      <InputLine prompt="vcs> " text={'Get-X | ForEach-Object {\n$_ }'} theme={plain} />,
    ).lastFrame()
    expect(frame).toBe('vcs> Get-X | ForEach-Object {\n>> $_ }')
  })
})

describe('ConfirmPrompt', () => {
  const request = { caption: 'Confirm', message: 'Remove user a@b.c?', action: 'Remove', target: 'a@b.c' }

  it("shows PowerShell's choices without Suspend", () => {
    const frame = render(
      <ConfirmPrompt request={request} theme={plain} onAnswer={() => {}} onCancel={() => {}} />,
    ).lastFrame()
    expect(frame).toContain('[Y] Yes  [A] Yes to All  [N] No  [L] No to All (default is "Y"):')
    expect(frame).toContain('Remove user a@b.c?')
    expect(frame).not.toContain('Suspend')
  })

  it.each<[string[], ConfirmChoice]>([
    [['y', '\r'], 'yes'],
    [['A', '\r'], 'yesToAll'],
    [['n', '\r'], 'no'],
    [['l', '\r'], 'noToAll'],
    [['\r'], 'yes'],
    [['no\r'], 'no'],
    [['No to All', '\r'], 'noToAll'],
    [['n', 'o', '\r'], 'no'],
  ])('answers %j with %s', async (keys, choice) => {
    const onAnswer = vi.fn()
    const { stdin } = render(
      <ConfirmPrompt request={request} theme={plain} onAnswer={onAnswer} onCancel={() => {}} />,
    )
    await tick()
    for (const key of keys) {
      stdin.write(key)
      await tick()
    }
    await waitFor(() => onAnswer.mock.calls.length > 0)
    expect(onAnswer).toHaveBeenCalledTimes(1)
    expect(onAnswer.mock.calls[0][0]).toBe(choice)
  })

  it('never answers on a letter alone: Enter commits, and the line shows what was typed', async () => {
    const onAnswer = vi.fn()
    const { stdin, lastFrame } = render(
      <ConfirmPrompt request={request} theme={plain} onAnswer={onAnswer} onCancel={() => {}} />,
    )
    await tick()
    stdin.write('n')
    await waitFor(() => lastFrame()!.includes('(default is "Y"): n'))
    expect(onAnswer).not.toHaveBeenCalled()
  })

  it('asks again on an answer that is not a choice, without answering', async () => {
    const onAnswer = vi.fn()
    const { stdin, lastFrame } = render(
      <ConfirmPrompt request={request} theme={plain} onAnswer={onAnswer} onCancel={() => {}} />,
    )
    await tick()
    stdin.write('nope\r')
    await waitFor(() => lastFrame()!.includes("'nope' is not a choice"))
    expect(onAnswer).not.toHaveBeenCalled()
    stdin.write('n\r')
    await waitFor(() => onAnswer.mock.calls.length > 0)
    expect(onAnswer.mock.calls[0][0]).toBe('no')
  })

  it('cancels on Ctrl+C', async () => {
    const onCancel = vi.fn()
    const { stdin } = render(
      <ConfirmPrompt request={request} theme={plain} onAnswer={() => {}} onCancel={onCancel} />,
    )
    await tick()
    stdin.write('\x03')
    await waitFor(() => onCancel.mock.calls.length > 0)
    expect(onCancel).toHaveBeenCalled()
  })
})

describe('SecretPrompt', () => {
  it('never shows the secret, only bullets, and submits it', async () => {
    const onSubmit = vi.fn()
    const { stdin, lastFrame } = render(
      <SecretPrompt message="API token" hidden theme={plain} onSubmit={onSubmit} onCancel={() => {}} />,
    )
    await tick()
    stdin.write('s3cret')
    await waitFor(() => lastFrame()!.includes('•'))
    expect(lastFrame()).toContain('API token: ••••••')
    expect(lastFrame()).not.toContain('s3cret')
    stdin.write('\r')
    await waitFor(() => onSubmit.mock.calls.length > 0)
    expect(onSubmit).toHaveBeenCalledWith('s3cret')
  })
})

describe('ProgressBar', () => {
  const record = {
    id: 1,
    activity: 'Inviting users',
    completed: 40,
    total: 100,
    failed: 2,
    rate: 12.4,
    etaSeconds: 5,
  }

  it('shows counts, failures, rate and ETA', () => {
    expect(progressSummary(record)).toBe('40/100  2 failed  12/s  ETA 5s')
    const frame = render(<ProgressBar record={record} width={80} theme={plain} />).lastFrame()!
    expect(frame).toMatch(/^Inviting users \[█+░+\] 40\/100 {2}2 failed/)
    const filled = frame.match(/█+/)![0].length
    const empty = frame.match(/░+/)![0].length
    expect(filled / (filled + empty)).toBeCloseTo(0.4, 1)
  })

  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42s')
    expect(formatDuration(185)).toBe('3m05s')
    expect(formatDuration(3720)).toBe('1h02m')
  })
})

describe('ErrorView', () => {
  it('draws the source line with a caret under the offending token, then the hint', () => {
    const error = new UsageError('CommandNotFound', "The term 'Get-VcsUsr' is not a known cmdlet.", {
      hint: 'Did you mean Get-VcsUser?',
      position: { line: 1, column: 7, length: 10, lineText: 'Foo | Get-VcsUsr -Name x' },
    })
    const frame = render(<ErrorView record={new ErrorRecord(error, true)} theme={plain} />).lastFrame()!
    const lines = frame.split('\n')
    expect(lines[0]).toBe('Foo | Get-VcsUsr -Name x')
    expect(lines[1]).toBe('      ^^^^^^^^^^')
    expect(lines[2]).toContain("The term 'Get-VcsUsr' is not a known cmdlet.")
    expect(lines[3]).toBe('Hint: Did you mean Get-VcsUser?')
  })

  it('redacts secrets in messages', () => {
    // Binding a value to a secret parameter (or typing it for one) is what makes it known.
    registerSecret('abcdef123456')
    const error = new UsageError('InvalidParameterValue', "Bad value for -ApiToken 'abcdef123456'")
    expect(
      render(<ErrorView record={new ErrorRecord(error, false)} theme={plain} />).lastFrame(),
    ).not.toContain('abcdef123456')
  })
})

describe('CompletionList', () => {
  it('lays candidates out in columns and marks the selection', () => {
    const candidates = ['Get-VcsUser', 'Get-VcsGroup', 'Get-VcsService'].map((text) => ({
      text,
      display: text,
      kind: 'cmdlet' as const,
      description: `${text} synopsis`,
    }))
    const frame = render(
      <CompletionList candidates={candidates} selected={1} width={40} theme={plain} />,
    ).lastFrame()
    expect(frame).toContain('Get-VcsUser     Get-VcsGroup')
    expect(frame).toContain('Get-VcsGroup synopsis')
  })
})
