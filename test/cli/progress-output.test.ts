// A one-shot run on a terminal draws its progress line on stderr (no newline) while table rows print
// on stdout: the rows must not run into it. Both streams are fake TTYs writing to one screen.
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { CliHost } from '../../src/cli/host.js'
import { createCliSession, stdoutWriter } from '../../src/cli/session.js'

/** What a terminal shows: \r goes to column 0, ESC[2K erases the line, \n starts the next one. */
class Screen {
  lines: string[] = ['']
  private column = 0
  write(text: string): void {
    for (let index = 0; index < text.length; index++) {
      const row = this.lines.length - 1
      if (text.startsWith('\u001b[2K', index)) {
        this.lines[row] = ''
        index += 3
      } else if (text[index] === '\r') this.column = 0
      else if (text[index] === '\n') {
        this.lines.push('')
        this.column = 0
      } else {
        const line = this.lines[row].padEnd(this.column)
        this.lines[row] = line.slice(0, this.column) + text[index] + line.slice(this.column + 1)
        this.column++
      }
    }
  }
}

function tty(screen: Screen): NodeJS.WriteStream {
  const stream = new Writable({
    write(chunk, _, done) {
      screen.write(String(chunk))
      done()
    },
  })
  return Object.assign(stream, { isTTY: true, columns: 100 }) as unknown as NodeJS.WriteStream
}

const progress = (completed: number) => ({ id: 1, activity: 'Inviting users', completed, rate: 1.9 })
const rows = [
  { Email: 'a@x.example', Status: 'Invited' },
  { Email: 'b@x.example', Status: 'Invited' },
]

describe('the progress line and table rows on one terminal', () => {
  it('erases the progress line before rows print and draws it again below them', async () => {
    const screen = new Screen()
    const host = new CliHost(tty(screen), 100)
    const writer = stdoutWriter({ output: 'table', noColor: true, help: false }, 'command', host, tty(screen))
    host.writeProgress(progress(1))
    for (const row of rows) await writer.write(row)
    host.writeProgress(progress(2))
    await writer.close()

    const [header, rule, ...rest] = screen.lines
    expect(header).toMatch(/^Email\s+Status$/)
    expect(rule).toMatch(/^-+ +-+$/)
    expect(rest.slice(0, 2)).toEqual([
      expect.stringMatching(/^a@x\.example\s+Invited$/),
      expect.stringMatching(/^b@x\.example\s+Invited$/),
    ])
    expect(rest[2], 'the progress line, drawn again below the rows').toBe('Inviting users: 2, 1.9/s')

    host.writeProgress({ ...progress(2), done: true })
    expect(screen.lines.at(-1)).toBe('')
  })

  it('leaves no progress line to redraw once progress is done', async () => {
    const screen = new Screen()
    const host = new CliHost(tty(screen), 100)
    const writer = stdoutWriter({ output: 'table', noColor: true, help: false }, 'command', host, tty(screen))
    host.writeProgress(progress(1))
    await writer.write(rows[0])
    host.writeProgress({ ...progress(1), done: true })
    await writer.close()
    expect(screen.lines.filter((line) => line.includes('Inviting'))).toEqual([])
  })

  it("uses the latest CLI session's host by default", () => {
    const { host } = createCliSession()
    let suspended = 0
    host.suspendProgress = () => void suspended++
    const writer = stdoutWriter(
      { output: 'list', noColor: true, help: false },
      'command',
      undefined,
      tty(new Screen()),
    )
    return writer
      .write(rows[0])
      .then(() => writer.close())
      .then(() => expect(suspended).toBeGreaterThan(0))
  })
})
