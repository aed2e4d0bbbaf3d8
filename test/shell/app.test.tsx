import { describe, expect, it } from 'vitest'
import { render } from 'ink-testing-library'
import {
  clearSecrets,
  CommandRegistry,
  defineCmdlet,
  registerEnvironmentSecrets,
  Session,
  withTypeName,
} from '../../src/engine/index.js'
import { App } from '../../src/shell/App.js'
import { ShellHost } from '../../src/shell/host.js'
import { History } from '../../src/shell/hooks/use-history.js'
import { LiveValueCache } from '../../src/shell/live-values.js'
import { Interpreter } from '../../src/language/index.js'
import { createTheme } from '../../src/shell/theme.js'
import { groupNames } from '../../cmdlets/vcs/shared/completers.js'

const GetVcsUser = defineCmdlet({
  name: 'Get-VcsUser',
  synopsis: 'Lists users.',
  parameters: { name: { type: 'string', position: 0 }, delayMs: { type: 'int' } },
  examples: [],
  async *process(args, ctx) {
    for (const name of ['Ann', 'Bob']) {
      if (args.delayMs) {
        yield withTypeName('User', { Name: name, Email: `${name.toLowerCase()}@example.com` })
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, args.delayMs)
          ctx.signal.addEventListener('abort', () => (clearTimeout(timer), reject(ctx.signal.reason)), {
            once: true,
          })
        })
      } else yield withTypeName('User', { Name: name, Email: `${name.toLowerCase()}@example.com` })
    }
  },
})
const GetVcsGroup = defineCmdlet({
  name: 'Get-VcsGroup',
  synopsis: 'Lists groups.',
  parameters: {},
  examples: [],
  *process() {
    yield withTypeName('Group', { Name: 'Admins' })
    yield withTypeName('Group', { Name: 'Auditors' })
  },
})
const RemoveVcsUser = defineCmdlet({
  name: 'Remove-VcsUser',
  synopsis: 'Removes a user.',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  parameters: { group: { type: 'string', completer: groupNames }, email: { type: 'string', position: 0 } },
  examples: [],
  async *process(args, ctx) {
    if (await ctx.shouldProcess(args.email ?? '', 'Remove user')) yield `removed ${args.email}`
  },
})

function mount(onExit: (code: number) => void = () => {}) {
  const registry = new CommandRegistry([GetVcsUser, GetVcsGroup, RemoveVcsUser])
  const host = new ShellHost(() => 100)
  const session = new Session({ host, errorActionPreference: 'Continue' })
  const history = new History()
  const liveValues = new LiveValueCache(registry, session)
  const interpreter = new Interpreter({ registry, session })
  const app = render(
    <App
      session={session}
      registry={registry}
      host={host}
      history={history}
      liveValues={liveValues}
      runLine={(text) => interpreter.run(text)}
      exitRequested={() => interpreter.exitCode}
      theme={createTheme(false)}
      orgSlug={() => 'demo-org'}
      onExit={onExit}
    />,
  )
  return { ...app, history, session }
}

const wait = async (until: () => boolean, what: string) => {
  const deadline = Date.now() + 5000
  while (!until()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 30))

describe('App', () => {
  it('completes a cmdlet, runs it and prints a table', async () => {
    const { stdin, lastFrame, frames } = mount()
    await tick()
    stdin.write('Get-VcsU')
    stdin.write('\t')
    await wait(() => lastFrame()!.includes('vcs demo-org> Get-VcsUser'), 'completion')
    stdin.write('\r')
    await wait(() => frames.join('\n').includes('ann@example.com'), 'output')
    const all = frames.join('\n')
    expect(all).toMatch(/Name +Email/)
    expect(all).toContain('bob@example.com')
  })

  it('recalls history with Up and keeps a draft for Down', async () => {
    const { stdin, lastFrame, history } = mount()
    history.add('Get-VcsGroup')
    await tick()
    stdin.write('draft')
    await tick()
    stdin.write('\x1b[A')
    await wait(() => lastFrame()!.includes('> Get-VcsGroup'), 'history entry')
    stdin.write('\x1b[B')
    await wait(() => lastFrame()!.includes('> draft'), 'draft')
  })

  it('searches history with Ctrl+R', async () => {
    const { stdin, lastFrame, history } = mount()
    history.add('Get-VcsGroup')
    history.add('Get-VcsUser')
    await tick()
    stdin.write('\x12')
    await tick()
    stdin.write('grou')
    await wait(() => lastFrame()!.includes("(reverse-i-search)'grou': Get-VcsGroup"), 'search match')
  })

  it('opens a completion list of live values and cycles through it', async () => {
    const { stdin, lastFrame } = mount()
    await tick()
    stdin.write('Remove-VcsUser -Group ')
    await tick()
    stdin.write('\t')
    await wait(() => lastFrame()!.includes('Auditors'), 'live values list')
    stdin.write('\t')
    await wait(() => lastFrame()!.includes('-Group Admins'), 'first candidate')
    stdin.write('\t')
    await wait(() => lastFrame()!.includes('-Group Auditors'), 'second candidate')
  })

  it('continues an open pipe on a new line', async () => {
    const { stdin, lastFrame } = mount()
    await tick()
    stdin.write('Get-VcsUser |')
    await tick()
    stdin.write('\r')
    await wait(() => /\n>>/.test(lastFrame()!), 'continuation prompt')
  })

  it('runs a pasted block of several lines as one script', async () => {
    const { stdin, frames } = mount()
    await tick()
    stdin.write('Get-VcsGroup\rGet-VcsUser\r')
    await wait(() => frames.join('\n').includes('bob@example.com'), 'output of the second line')
    expect(frames.join('\n')).toContain('Auditors')
  })

  it('keeps a pasted block without a final newline for editing', async () => {
    const { stdin, lastFrame } = mount()
    await tick()
    stdin.write('Get-VcsGroup |\rSelect-Object -First 1')
    await wait(() => lastFrame()!.includes('>> Select-Object -First 1'), 'the pasted continuation line')
  })

  it('continues a line that ends in a binary operator', async () => {
    const { stdin, lastFrame } = mount()
    await tick()
    stdin.write('$x = 1 +')
    await tick()
    stdin.write('\r')
    await wait(() => /\n>>/.test(lastFrame()!), 'continuation prompt')
  })

  it('cancels a running pipeline with Ctrl+C, reports the partial result and stays open', async () => {
    const { stdin, lastFrame, frames } = mount()
    await tick()
    stdin.write('Get-VcsUser -DelayMs 5000')
    await tick()
    stdin.write('\r')
    await wait(() => lastFrame()!.includes('Ctrl+C cancels'), 'spinner')
    stdin.write('\x03')
    await wait(() => frames.join('\n').includes('Interrupted (Ctrl+C)'), 'interruption notice')
    expect(frames.join('\n')).toContain('cancelled after 1 record(s)')
    expect(frames.join('\n')).toContain('ann@example.com')
    await wait(() => lastFrame()!.startsWith('vcs demo-org>'), 'prompt back')
  })

  /** Runs a High-impact removal and answers its confirmation with `answer`, then Enter. */
  async function answerRemoval(answer: string) {
    const app = mount()
    await tick()
    app.stdin.write('Remove-VcsUser ann@example.com')
    await tick()
    app.stdin.write('\r')
    await wait(() => app.lastFrame()!.includes('[Y] Yes'), 'confirmation')
    app.stdin.write(answer)
    await tick()
    app.stdin.write('\r')
    return app
  }

  it('draws a ShouldProcess confirmation and runs on Yes', async () => {
    const { frames } = await answerRemoval('y')
    await wait(() => frames.join('\n').includes('removed ann@example.com'), 'result')
    // The question and the answer stay in the scroll-back.
    expect(frames.join('\n')).toContain('(default is "Y"): y')
  })

  it('declines with "no" typed in one read followed by Enter (never a Yes)', async () => {
    const { lastFrame, frames } = await answerRemoval('no')
    await wait(() => frames.join('\n').includes('(default is "Y"): no'), 'the answer echoed')
    await wait(() => lastFrame()!.trimEnd().endsWith('vcs demo-org>'), 'prompt back')
    expect(frames.join('\n')).not.toContain('removed ann@example.com')
  })

  it('masks a secret from the environment in what a line prints, and in the echo of the line', async () => {
    const secret = 'vcs-test-token-0123456789abcdef'
    registerEnvironmentSecrets({ VCS_API_TOKEN: secret })
    try {
      const { stdin, frames } = mount()
      await tick()
      stdin.write(`'token: ${secret}'`)
      await tick()
      stdin.write('\r')
      await wait(() => frames.join('\n').includes('token: ***'), 'the masked output')
      // Typed, the secret is on screen (as in any terminal); printed, it never is.
      expect(frames.join('\n')).not.toMatch(new RegExp(`^token: ${secret}`, 'm'))
      expect(frames.join('\n')).toContain("vcs demo-org> 'token: ***'")
    } finally {
      clearSecrets()
    }
  })

  it('clears the line with Ctrl+C when nothing runs', async () => {
    const { stdin, lastFrame, frames } = mount()
    await tick()
    stdin.write('Get-Vcs')
    await tick()
    stdin.write('\x03')
    await wait(() => frames.join('\n').includes('Get-Vcs^C'), 'echo with ^C')
    await wait(() => lastFrame()!.trimEnd() === 'vcs demo-org>', 'an empty line')
  })

  it('shows an unknown command with a caret under it and a hint', async () => {
    const { stdin, frames } = mount()
    await tick()
    stdin.write('Get-VcsUsr -Name x')
    await tick()
    stdin.write('\r')
    await wait(() => frames.join('\n').includes('Did you mean Get-VcsUser?'), 'the hint')
    const all = frames.join('\n')
    expect(all).toMatch(/Get-VcsUsr -Name x\n\^{10}\n/)
  })

  it('leaves with the code given to exit', async () => {
    let code: number | undefined
    const { stdin } = mount((exitCode) => (code = exitCode))
    await tick()
    stdin.write('exit 3')
    await tick()
    stdin.write('\r')
    await wait(() => code !== undefined, 'exit')
    expect(code).toBe(3)
  })

  it('leaves on Ctrl+D at an empty line', async () => {
    let code: number | undefined
    const { stdin } = mount((exitCode) => (code = exitCode))
    await tick()
    stdin.write('\x04')
    await wait(() => code !== undefined, 'exit')
    expect(code).toBe(0)
  })
})
