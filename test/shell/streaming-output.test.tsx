// The shell prints output as it arrives: a table's first rows while the pipeline is still running,
// later rows with the same widths, a fast listing in chunks of about CHUNK_CHARS, and the lines of one
// frame as one scroll-back entry. Sources here are controlled by the test (gates), and the frame and
// wait timers are vitest's fake ones.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { render } from 'ink-testing-library'
import { CommandRegistry, defineCmdlet, Session, withTypeName } from '../../src/engine/index.js'
import { App } from '../../src/shell/App.js'
import { ShellHost, type ScrollEntry } from '../../src/shell/host.js'
import { History } from '../../src/shell/hooks/use-history.js'
import { CHUNK_CHARS, runToScrollBack } from '../../src/shell/hooks/use-runner.js'
import { LiveValueCache } from '../../src/shell/live-values.js'
import { Interpreter } from '../../src/language/index.js'
import { createTheme } from '../../src/shell/theme.js'

const person = (name: string) => withTypeName('Person', { Name: name, Email: `${name.toLowerCase()}@x.com` })

function gate() {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}
const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve))

function recorder() {
  const entries: ScrollEntry[] = []
  const session = new Session({ host: new ShellHost(() => 40), errorActionPreference: 'Continue' })
  const outputs = () => entries.filter((entry) => entry.kind === 'output').map((entry) => entry.lines)
  return { entries, session, outputs, print: (entry: ScrollEntry) => entries.push(entry) }
}

describe('runToScrollBack', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('prints the first rows when the wait is over, while the source has not produced the rest', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { session, print, outputs } = recorder()
    const later = gate()
    let lastRecordExists = false
    async function* slow() {
      yield person('Al')
      yield person('Bo')
      await later.promise
      lastRecordExists = true
      yield person('Christopher')
    }
    let done = false
    const run = runToScrollBack('slow', { session, runLine: slow, print, width: 40 }).then(
      () => (done = true),
    )
    await nextMacrotask()
    expect(outputs()).toEqual([])
    await vi.advanceTimersByTimeAsync(300 + 16)
    expect(outputs()).toEqual([['Name Email', '---- -----', 'Al   al@x.com', 'Bo   bo@x.com']])
    expect(lastRecordExists).toBe(false)
    expect(done).toBe(false)
    later.open()
    await run
    expect(outputs().at(-1), 'a later row keeps the widths of the first batch').toEqual(['Chr… christo…'])
  })

  it('prints a fast listing in chunks of about CHUNK_CHARS, and what trickles in once per frame', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { session, print, outputs } = recorder()
    const half = gate()
    const pages = 500
    const pageSize = 200
    let produced = 0
    async function* listing() {
      for (let page = 0; page < pages; page++) {
        if (page === pages / 2) await half.promise
        // Each page arrives in its own macrotask, as a page of an HTTP listing does.
        await nextMacrotask()
        for (let i = 0; i < pageSize; i++) yield person(`U${String(produced++).padStart(6, '0')}`)
      }
    }
    const size = (lines: string[]) => lines.reduce((sum, line) => sum + line.length + 1, 0)
    const run = runToScrollBack('listing', { session, runLine: listing, print, width: 40 })
    while (produced < (pages / 2) * pageSize) await nextMacrotask()
    // No frame has passed (the timer is fake): what is printed went out chunk by chunk, each about
    // CHUNK_CHARS (a key typed meanwhile waits for one chunk), never one entry per record.
    const chunks = outputs()
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks) {
      expect(size(chunk)).toBeGreaterThanOrEqual(CHUNK_CHARS)
      expect(size(chunk)).toBeLessThan(CHUNK_CHARS + 100)
    }
    // The rest of the half (less than a chunk) is printed when the frame is over.
    await vi.advanceTimersByTimeAsync(16)
    expect(outputs()).toHaveLength(chunks.length + 1)
    expect(size(outputs().at(-1)!)).toBeLessThan(CHUNK_CHARS)
    expect(outputs().flat()).toHaveLength(2 + (pages / 2) * pageSize)
    half.open()
    await run
    const lines = outputs().flat()
    expect(lines).toHaveLength(2 + pages * pageSize)
    expect(lines.at(-1)).toBe('U099999 u099999@x.com')
    expect(lines.slice(2).every((line, i) => line.startsWith(`U${String(i).padStart(6, '0')} `))).toBe(true)
  })

  it('prints a terminating error, then the records that came before it, as before', async () => {
    const { session, print, entries } = recorder()
    async function* failing() {
      yield person('Al')
      throw new Error('the server went away')
    }
    await runToScrollBack('failing', { session, runLine: failing, print, width: 40 })
    expect(entries.map((entry) => entry.kind)).toEqual(['error', 'output'])
    expect(entries[1]).toEqual({ kind: 'output', lines: ['Name Email', '---- -----', 'Al   al@x.com'] })
  })
})

describe('the shell prints rows while a slow pipeline runs', () => {
  const GetPerson = defineCmdlet({
    name: 'Get-Person',
    synopsis: 'Lists people, one, then more after the gate opens.',
    parameters: {},
    examples: [],
    async *process(_args, ctx) {
      yield person('Ann')
      yield person('Bob')
      // Until Ctrl+C: the pipeline is still running while the first rows are on screen.
      await new Promise((_, reject) =>
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }),
      )
    },
  })

  it('shows the first rows under a running spinner, and keeps them after Ctrl+C', async () => {
    const registry = new CommandRegistry([GetPerson])
    const host = new ShellHost(() => 80)
    const session = new Session({ host, errorActionPreference: 'Continue' })
    const interpreter = new Interpreter({ registry, session })
    const { stdin, lastFrame, frames } = render(
      <App
        session={session}
        registry={registry}
        host={host}
        history={new History()}
        liveValues={new LiveValueCache(registry, session)}
        runLine={(text) => interpreter.run(text)}
        theme={createTheme(false)}
        orgSlug={() => 'demo-org'}
        onExit={() => {}}
      />,
    )
    const wait = async (until: () => boolean, what: string) => {
      for (const deadline = Date.now() + 5000; !until(); await new Promise((r) => setTimeout(r, 10)))
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    }
    await wait(() => lastFrame()!.includes('vcs demo-org>'), 'the prompt')
    stdin.write('Get-Person')
    await wait(() => lastFrame()!.includes('> Get-Person'), 'the typed line')
    stdin.write('\r')
    // Rows are written to the scroll-back once, as text; the live area below keeps the spinner.
    await wait(() => frames.join('\n').includes('bob@x.com'), 'the first rows')
    expect(frames.join('\n')).toMatch(/Name +Email\n-+ -+\nAnn +ann@x\.com\nBob +bob@x\.com/)
    await wait(() => lastFrame()!.includes('Ctrl+C cancels'), 'the spinner: the pipeline is still running')
    stdin.write('\x03')
    await wait(() => frames.join('\n').includes('Interrupted (Ctrl+C)'), 'the interruption notice')
    expect(frames.join('\n')).toContain('cancelled after 2 record(s)')
    await wait(() => lastFrame()!.startsWith('vcs demo-org>'), 'the prompt again')
    expect(frames.join('\n').match(/ann@x\.com/g), 'printed once, not again at the end').toHaveLength(1)
  })
})
