// Writing to the terminal above the live area: finished entries as text (scrollback.ts), each
// through the one redactor, clearing the screen, and waiting for a terminal slower than the output.
import { useCallback } from 'react'
import { useStdout } from 'ink'
import type { ScrollEntry } from '../host.js'
import { entryText, redactEntry } from '../scrollback.js'
import type { Theme } from '../theme.js'

export interface Terminal {
  /** Writes an entry to the scroll-back, redacted, styled on a terminal. */
  print: (entry: ScrollEntry) => void
  /** Writes a control sequence (a clear); Ink draws the live area again after it, at the top. */
  clearScreen: (sequence: string) => void
  /** Resolves when a full output buffer has drained; undefined when there is room. */
  drained: () => Promise<void> | undefined
}

/** The shell's terminal writer. */
export function useTerminal(theme: Theme): Terminal {
  const { write, stdout } = useStdout()
  // Colours only for a terminal (NO_COLOR is the theme's business).
  const ansi = stdout.isTTY === true
  // Ink's write() lifts the live area, writes, and draws it again: after a clear, at the top.
  const clearScreen = useCallback((sequence: string) => write(sequence), [write])

  // Everything that reaches the scroll-back passes the one redactor: output a script prints
  // ($env:VCS_API_TOKEN, a connection dumped with Format-List *) and the echo of a typed line.
  const print = useCallback(
    (entry: ScrollEntry) => {
      const text = entryText(redactEntry(entry), theme, ansi)
      if (text === '') return
      // Ink lifts the live area, writes, and draws it again: corked, the three go out as one write.
      stdout.cork?.()
      write(text)
      stdout.uncork?.()
    },
    [write, stdout, theme, ansi],
  )
  // A terminal slower than the output (a remote session, a big listing) fills the stream's buffer:
  // the run then waits for it to drain, so what a key changes is drawn without waiting behind rows.
  const drained = useCallback(
    () =>
      stdout.writableNeedDrain
        ? new Promise<void>((resolve) => stdout.once('drain', () => resolve()))
        : undefined,
    [stdout],
  )
  return { print, clearScreen, drained }
}
