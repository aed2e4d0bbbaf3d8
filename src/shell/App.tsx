// The interactive shell: routes keys to the line editor, history search, completion and the runner;
// finished output is written above the live area as text (hooks/use-terminal.ts, scrollback.ts), so a
// keystroke only redraws the few lines of the prompt, progress and completion list.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Box, Text, useApp, useInput, useStdin, type Key } from 'ink'
import type { CommandRegistry, ConfirmChoice, ProgressRecord, Session } from '../engine/index.js'
import { complete } from './completion.js'
import { CompletionList } from './components/CompletionList.js'
import { CHOICES_LINE, type DialogKeyHandler } from './components/ConfirmPrompt.js'
import { DialogView, type Dialog } from './components/Dialog.js'
import { InputLine } from './components/InputLine.js'
import { ProgressBar } from './components/ProgressBar.js'
import { Prompt, promptText } from './components/Prompt.js'
import { Spinner } from './components/Spinner.js'
import type { ShellHost } from './host.js'
import { applyTab, type OpenCompletion } from './hooks/use-completion.js'
import { useLatestState } from './hooks/use-latest-state.js'
import type { History } from './hooks/use-history.js'
import { registerTypedSecrets } from './history-secrets.js'
import {
  keyToCommand,
  onFirstLine,
  onLastLine,
  splitTypedAhead,
  useLineEditor,
} from './hooks/use-line-editor.js'
import { searchKey, searchPrompt, startSearch, type SearchState } from './history-search.js'
import { useRunner } from './hooks/use-runner.js'
import { useTerminal } from './hooks/use-terminal.js'
import type { LiveValueCache } from './live-values.js'
import type { LineRunner } from './hooks/use-runner.js'
import { formatErrorLine } from '../engine/errors.js'
import type { Theme } from './theme.js'
import { changesState, lastArgument, needsMoreInput } from './tokens.js'
import { TYPE_AHEAD_LIMIT, typedAheadPreview, type TypedKey } from './type-ahead.js'

export interface AppProps {
  session: Session
  registry: CommandRegistry
  host: ShellHost
  history: History
  liveValues: LiveValueCache
  runLine: LineRunner
  theme: Theme
  /** The org slug for the prompt, or undefined when not connected; asked again after each run. */
  orgSlug: () => string | undefined
  /** The code of an `exit n` the last run executed, if it did. */
  exitRequested?: () => number | undefined
  banner?: string
  /**
   * Work that finishes after the first prompt is drawn (the demo's emulator and connection); its
   * banner is printed when it settles, and the prompt and completions follow the new connection.
   */
  ready?: Promise<{ banner?: string } | void>
  onExit: (code: number) => void
}

/** Numbers each confirmation, so the prompt starts empty for every question. */
let confirmations = 0

/** Clears the screen and puts the cursor home (Ctrl+L keeps the scroll-back, as bash and PSReadLine do). */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J'
/** Clear-Host also empties the scroll-back, as `clear` does. */
export const CLEAR_SCREEN_AND_SCROLLBACK = '\x1b[H\x1b[2J\x1b[3J'

/** The whole shell UI. */
export function App(props: AppProps) {
  const { session, registry, host, history, liveValues, runLine, theme } = props
  const { exit } = useApp()
  const [editor, dispatch, editorRef] = useLineEditor()
  const [open, setOpen, openRef] = useLatestState<OpenCompletion | undefined>(undefined)
  const [search, setSearch, searchRef] = useLatestState<SearchState | undefined>(undefined)
  const [dialog, setDialog, dialogRef] = useLatestState<Dialog | undefined>(undefined)
  /** The open dialog's key handler, set as it renders: no key falls between the shell and the dialog. */
  const dialogKeys = useRef<DialogKeyHandler | undefined>(undefined)
  const [progress, setProgress] = useState<ReadonlyMap<number, ProgressRecord>>(new Map())
  const [org, setOrg] = useState<string | undefined>(() => props.orgSlug())
  const [notice, setNotice] = useState<string | undefined>(undefined)
  /** The latest wait the server imposed on the running line (a 429), shown in the spinner. */
  const [wait, setWait] = useState<{ reason: string; until: number } | undefined>(undefined)
  /** What was typed while a line runs, shown dimmed under the spinner until the next prompt. */
  const [ahead, setAhead] = useState('')
  const width = useCallback(() => host.width, [host])
  const { print, clearScreen, drained } = useTerminal(theme)
  // Records a line outputs teach property completion the shape of their types.
  const learn = useCallback((record: unknown) => liveValues.shapes.learn(record), [liveValues])
  const runner = useRunner(session, runLine, print, width, drained, learn)

  // The echo of an accepted line, written at once so that it precedes anything the line prints.
  const echo = useCallback(
    (text: string) => print({ kind: 'echo', prompt: promptText(org), text }),
    [print, org],
  )

  const bannerShown = useRef(false)
  useEffect(() => {
    if (props.banner && !bannerShown.current) print({ kind: 'text', lines: [props.banner], tone: 'muted' })
    bannerShown.current = true
    host.attach({
      print,
      progress: (record) =>
        setProgress((prev) => {
          const next = new Map(prev)
          if (record.done) next.delete(record.id)
          else next.set(record.id, record)
          return next
        }),
      confirm: (request) =>
        new Promise((resolve) => setDialog({ kind: 'confirm', id: ++confirmations, request, resolve })),
      clear: () => clearScreen(CLEAR_SCREEN_AND_SCROLLBACK),
      wait: (next) => setWait((shown) => (shown && shown.until > next.until ? shown : next)),
      prompt: ({ message, hidden }) =>
        new Promise((resolve, reject) => setDialog({ kind: 'prompt', message, hidden, resolve, reject })),
    })
    return () => host.attach(undefined)
  }, [host, print, clearScreen])

  useEffect(() => {
    if (!props.ready) return
    let live = true
    props.ready.then(
      (result) => {
        if (!live) return
        if (result?.banner) print({ kind: 'text', lines: [result.banner], tone: 'muted' })
        const slug = props.orgSlug()
        setOrg(slug)
        if (slug) void liveValues.prefetch()
      },
      (error: unknown) => {
        if (live) print({ kind: 'text', lines: [formatErrorLine(error)], tone: 'muted' })
      },
    )
    return () => {
      live = false
    }
    // Settles once: the promise is fixed for the life of the shell.
  }, [props.ready])

  // Leaving draws one last, empty frame before Ink unmounts: its last frame stays on the terminal,
  // and the prompt it held would stand below the echo of `exit` as a stale second prompt.
  const [leaving, setLeaving] = useState(false)
  const leave = useCallback(
    (code: number) => {
      props.onExit(code)
      setLeaving(true)
    },
    [props],
  )
  useEffect(() => {
    if (leaving) exit()
  }, [leaving, exit])

  const submit = useCallback(
    async (text: string) => {
      // Before the echo: a value typed for -ApiToken is masked on screen, in errors and in history.
      registerTypedSecrets(text)
      echo(text)
      history.add(text)
      history.resetCursor()
      dispatch({ type: 'newLine' })
      setOpen(undefined)
      const command = text.trim()
      if (command === '') return
      if (/^exit$/i.test(command)) return leave(0)
      await runner.run(text)
      setWait(undefined)
      // The line (or an earlier one) may hold a value the redactor learned only by running it.
      history.forgetSecrets()
      setProgress(new Map())
      const exitCode = props.exitRequested?.()
      if (exitCode !== undefined) return leave(exitCode)
      const slug = props.orgSlug()
      if (slug !== org || changesState(text, registry)) {
        // Another org, or users, roles or invitations may have changed: completions must follow.
        setOrg(slug)
        liveValues.clear()
        if (slug) void liveValues.prefetch()
      }
    },
    [print, echo, org, history, dispatch, setOpen, leave, runner, props, liveValues, registry],
  )

  /** The server search a Tab started for a prefix beyond the cache; the next key cancels it. */
  const searching = useRef<AbortController | undefined>(undefined)
  const onTab = useCallback(
    (reverse: boolean) => {
      const compute = (text: string, cursor: number) =>
        complete(text, cursor, {
          registry,
          liveValues: (slot) => liveValues.get(slot),
          partial: (slot, prefix) => liveValues.partial(slot, prefix),
          shapes: liveValues.shapes,
          variables: [...session.variables.keys()],
          variableValue: (name) =>
            session.hasVariable(name) ? { value: session.getVariable(name) } : undefined,
        })
      const outcome = applyTab(editorRef.current, openRef.current, reverse, compute)
      if (outcome.edit) dispatch(outcome.edit)
      setOpen(outcome.open)
      // Not cached yet (prefetch still running), or beyond the cached part of a big slot: fetch or
      // search, then complete as if Tab were pressed again, unless the line changed meanwhile.
      const wait = outcome.missing
        ? { notice: 'fetching values…', work: () => liveValues.fetch(outcome.missing!) }
        : outcome.search
          ? {
              notice: `searching for ${outcome.search.prefix}…`,
              work: (signal: AbortSignal) =>
                liveValues.search(outcome.search!.source, outcome.search!.prefix, signal),
            }
          : undefined
      if (!wait) return
      searching.current?.abort()
      const controller = new AbortController()
      searching.current = controller
      const line = editorRef.current
      setNotice(wait.notice)
      void wait.work(controller.signal).then(() => {
        if (searching.current === controller) searching.current = undefined
        setNotice((shown) => (shown === wait.notice ? undefined : shown))
        if (controller.signal.aborted || editorRef.current !== line) return
        const retry = applyTab(editorRef.current, undefined, reverse, compute)
        if (retry.edit) dispatch(retry.edit)
        setOpen(retry.open)
      })
    },
    [editorRef, openRef, registry, liveValues, session, dispatch, setOpen],
  )

  const onSearchKey = (input: string, key: Key, raw: string | undefined, state: SearchState) => {
    const outcome = searchKey(history.entries, state, input, key, raw)
    if (outcome.kind === 'search') return setSearch(outcome.state)
    if (outcome.kind === 'ignore') return
    setSearch(undefined)
    if (outcome.kind === 'close' || !state.match) return
    dispatch({ type: 'set', text: state.match.entry })
    if (outcome.run) void submit(state.match.entry)
  }

  /** Where the last Alt+. took its argument from (an index into history), so the next one goes further back. */
  const yankArgIndex = useRef(0)
  /** True when the previous key recalled history: Up and Down then keep walking it. */
  const recalled = useRef(false)

  const recall = (entry: string | undefined) => {
    recalled.current = true
    if (entry !== undefined) dispatch({ type: 'set', text: entry })
  }

  const onKey = (input: string, key: Key, raw?: string) => {
    // Read the latest state, not the rendered one: several keys can arrive between two renders.
    const editor = editorRef.current
    const open = openRef.current
    const search = searchRef.current
    if (runner.isRunning()) {
      if (key.ctrl && input === 'c') {
        // As a terminal flushes its input on an interrupt, Ctrl+C also drops what was typed ahead.
        typedAhead.current = []
        setAhead('')
        runner.interrupt()
      } else if (typedAhead.current.length < TYPE_AHEAD_LIMIT) {
        typedAhead.current.push([input, key, raw])
        setAhead(typedAheadPreview(typedAhead.current))
      }
      return
    }
    if (search) return onSearchKey(input, key, raw, search)
    const command = keyToCommand(input, key, raw)
    if (command.type !== 'complete') searching.current?.abort()
    const recalling = recalled.current
    recalled.current = false
    if (command.type !== 'complete' && open) {
      setOpen(undefined)
      if ((command.type === 'submit' && open.selected >= 0) || command.type === 'escape') return
    }
    switch (command.type) {
      case 'submit':
        if (needsMoreInput(editor.text)) dispatch({ type: 'insert', text: '\n' })
        else void submit(editor.text)
        return
      case 'paste': {
        const endsWithNewline = command.text.endsWith('\n')
        const pasted = endsWithNewline ? command.text.slice(0, -1) : command.text
        const text = editor.text.slice(0, editor.cursor) + pasted + editor.text.slice(editor.cursor)
        if (endsWithNewline && !needsMoreInput(text)) void submit(text)
        else dispatch({ type: 'insert', text: command.text })
        return
      }
      case 'complete':
        return onTab(command.reverse)
      // In a multi-line command Up and Down move between its lines first (PSReadLine 2), unless
      // they are already walking history.
      case 'up':
        if (!recalling && !onFirstLine(editor)) return dispatch({ type: 'lineUp' })
        return recall(history.previous(editor.text))
      case 'down':
        if (!recalling && !onLastLine(editor)) return dispatch({ type: 'lineDown' })
        return recall(history.next())
      case 'historyPrevious':
        return recall(history.previous(editor.text))
      case 'historyNext':
        return recall(history.next())
      case 'historySearch':
        return setSearch(startSearch('backward'))
      case 'historySearchForward':
        return setSearch(startSearch('forward'))
      case 'yankLastArg': {
        // PSReadLine's YankLastArg: the previous line's last argument; again, the one before it.
        const again = editor.last === 'yankArg'
        let index = again ? yankArgIndex.current - 1 : history.entries.length - 1
        let argument: string | undefined
        for (; index >= 0 && argument === undefined; index--) argument = lastArgument(history.entries[index])
        if (argument === undefined) return
        yankArgIndex.current = index + 1
        return dispatch({ type: 'yankArg', text: argument, replace: again })
      }
      case 'clearScreen':
        return clearScreen(CLEAR_SCREEN)
      case 'interrupt':
        echo(`${editor.text}^C`)
        history.resetCursor()
        return dispatch({ type: 'newLine' })
      case 'eof':
        if (editor.text === '') {
          echo('')
          return leave(0)
        }
        return dispatch({ type: 'deleteForward' })
      case 'escape':
      case 'ignore':
        return
      default:
        return dispatch(command)
    }
  }

  // Keys typed while a line runs wait here and replay at the next prompt, as in pwsh and bash.
  const typedAhead = useRef<TypedKey[]>([])
  const onKeyRef = useRef(onKey)
  onKeyRef.current = onKey
  const replayTypedAhead = useCallback(() => {
    setAhead('')
    // Replays until the queue is empty or a replayed Enter starts the next line.
    while (typedAhead.current.length > 0 && !runner.isRunning()) {
      const [input, key, raw] = typedAhead.current.shift()!
      onKeyRef.current(input, key, raw)
    }
  }, [runner])
  useEffect(() => {
    if (!runner.running && !dialog) replayTypedAhead()
  }, [runner.running, dialog, replayTypedAhead])

  // Ink reports Backspace and Delete alike, and Alt+. as '.': keep the bytes of each key too.
  const { internal_eventEmitter: inputEvents } = useStdin()
  const lastRaw = useRef<string | undefined>(undefined)
  useEffect(() => {
    const remember = (data: string) => {
      lastRaw.current = data
    }
    inputEvents.prependListener('input', remember)
    return () => {
      inputEvents.removeListener('input', remember)
    }
  }, [inputEvents])

  useInput((input, key) => {
    if (dialogRef.current) return dialogKeys.current?.(input, key)
    if (!runner.isRunning() && typedAhead.current.length > 0) {
      // The line ended but its queue is not replayed yet: this key goes after the queued ones.
      typedAhead.current.push([input, key, lastRaw.current])
      return replayTypedAhead()
    }
    const parts = splitTypedAhead(input, key)
    const raw = parts.length === 1 ? lastRaw.current : undefined
    for (const [part, partKey] of parts) onKey(part, partKey, raw)
  })

  const answer = (choice: ConfirmChoice, typed = '') => {
    if (dialog?.kind === 'confirm') {
      // The question and the answer stay in the scroll-back, as in a PowerShell console.
      const { caption, message } = dialog.request
      print({ kind: 'text', lines: [caption, message, `${CHOICES_LINE}${typed}`] })
      dialog.resolve(choice)
    }
    setDialog(undefined)
  }
  const columns = host.width
  const prompt = useMemo(() => <Prompt org={org} theme={theme} />, [org, theme])

  if (leaving) return null
  return (
    <Box flexDirection="column">
      {[...progress.values()].map((record) => (
        <ProgressBar key={record.id} record={record} width={columns} theme={theme} />
      ))}
      {dialog && (
        <DialogView
          dialog={dialog}
          keys={dialogKeys}
          theme={theme}
          onAnswer={answer}
          onClose={() => setDialog(undefined)}
          onInterrupt={runner.interrupt}
        />
      )}
      {runner.running && !dialog && (progress.size === 0 || wait) && (
        <Spinner
          label={`${runner.running.label}${runner.running.records ? ` (${runner.running.records} records)` : ''}`}
          suffix=" — Ctrl+C cancels"
          wait={wait}
          theme={theme}
        />
      )}
      {runner.running && ahead !== '' && <Text {...theme.muted}>{`» ${ahead}`}</Text>}
      {!runner.running && !search && (
        <InputLine prompt={prompt} text={editor.text} cursor={editor.cursor} theme={theme} />
      )}
      {search && (
        <Text>
          <Text {...theme.accent}>{searchPrompt(search)}</Text>
          {search.match?.entry ?? ''}
        </Text>
      )}
      {open && open.candidates.length > 1 && (
        <CompletionList candidates={open.candidates} selected={open.selected} width={columns} theme={theme} />
      )}
      {notice && <Text {...theme.muted}>{notice}</Text>}
    </Box>
  )
}
