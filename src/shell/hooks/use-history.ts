// Command history: Up/Down recall, Ctrl+R search, and a file that survives sessions. Lines that
// carry secrets are kept neither on disk nor in memory, so Up can never bring a token back on screen.
import {
  appendFileSync,
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { useMemo } from 'react'
import { isSecretLine } from '../history-secrets.js'

export { isSecretLine }

/** Where history lives: $VCS_HISTORY_FILE, else $XDG_DATA_HOME/vcs-shell/history. */
export function defaultHistoryFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VCS_HISTORY_FILE) return env.VCS_HISTORY_FILE
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share')
  return join(dataHome, 'vcs-shell', 'history')
}

/** Entries are stored one per line; a multi-line entry escapes its newlines and backslashes. */
function encode(entry: string): string {
  return entry.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

function decode(line: string): string {
  return line.replace(/\\(\\|n)/g, (_, ch: string) => (ch === 'n' ? '\n' : '\\'))
}

/** A result of searching history backwards. */
export interface HistoryMatch {
  entry: string
  index: number
}

/**
 * The history list plus the Up/Down cursor; the file is appended to as lines are accepted. The file
 * is read when the entries are first needed (or when load() is called): judging each saved line for
 * secrets parses it, which the shell's first prompt should not wait for.
 */
export class History {
  /** Undefined until the file is read. */
  private list: string[] | undefined
  /** entries.length means "the line being typed", not a history entry. */
  private position = 0
  /** What the user had typed before pressing Up, restored when Down goes past the newest entry. */
  private draft = ''

  constructor(
    private readonly file?: string,
    private readonly limit = 5000,
  ) {}

  /** The entries, oldest first (the file is read on first use). */
  get entries(): string[] {
    return this.list ?? this.load()
  }

  /** Reads the file unless already read (the shell calls it once its first prompt is drawn). */
  load(): string[] {
    if (this.list) return this.list
    const list: string[] = []
    if (this.file) {
      try {
        const lines = readFileSync(this.file, 'utf8').split('\n').filter(Boolean).map(decode)
        const kept = lines.filter((line) => !isSecretLine(line))
        // A file written by an older version may repeat a line; keep one of each run.
        list.push(...kept.filter((line, i) => line !== kept[i - 1]).slice(-this.limit))
      } catch {
        // No history yet (or unreadable): start empty rather than refusing to start the shell.
      }
    }
    this.list = list
    this.position = list.length
    return list
  }

  /** Records an accepted line: skips blanks, secrets and an immediate repeat; appends to the file. */
  add(line: string): boolean {
    this.position = this.entries.length
    const entry = line.trimEnd()
    if (entry.trim() === '' || isSecretLine(entry)) return false
    if (this.entries[this.entries.length - 1] === entry) return false
    this.entries.push(entry)
    if (this.entries.length > this.limit) this.entries.shift()
    this.position = this.entries.length
    if (this.file) this.append(entry)
    return true
  }

  /**
   * Removes every entry that now carries a secret, in memory and on disk: a line saved before it ran
   * (`$t = '...'`) whose value the redactor learned later (`Connect-Vcs -ApiToken $t`).
   */
  forgetSecrets(): number {
    const kept = this.entries.filter((entry) => !isSecretLine(entry))
    const removed = this.entries.length - kept.length
    if (removed === 0) return 0
    this.entries.splice(0, this.entries.length, ...kept)
    this.position = this.entries.length
    if (this.file) this.rewrite()
    return removed
  }

  /** Replaces the file with the kept entries (a temporary file renamed over it, 0600). */
  private rewrite(): void {
    const file = this.file!
    // VCS_HISTORY_FILE=/dev/null (or a FIFO, a link) is not ours to replace.
    if (!isOwnFile(file)) return
    let onDisk: string[] = []
    try {
      onDisk = readFileSync(file, 'utf8').split('\n').filter(Boolean)
    } catch {
      onDisk = []
    }
    const kept = onDisk.filter((line) => !isSecretLine(decode(line)))
    try {
      const temporary = `${file}.${process.pid}.tmp`
      writeFileSync(temporary, kept.map((line) => `${line}\n`).join(''), { mode: 0o600, flag: 'wx' })
      renameSync(temporary, file)
    } catch {
      // Could not rewrite: the entries are gone from memory; the file keeps what it had.
    }
  }

  private append(entry: string): void {
    try {
      mkdirSync(dirname(this.file!), { recursive: true, mode: 0o700 })
      appendFileSync(this.file!, `${encode(entry)}\n`, { mode: 0o600 })
      // Only a regular file of ours is tightened: never /dev/null or whatever a link points to.
      if (isOwnFile(this.file!)) chmodSync(this.file!, 0o600)
    } catch {
      // A read-only home must not break the shell; history then lasts for this session only.
    }
  }

  /** True when no later entry repeats entries[index]: Up and Down recall each command once (HistoryNoDuplicates). */
  private isLatest(index: number): boolean {
    return this.entries.lastIndexOf(this.entries[index]) === index
  }

  /** Up: the previous entry, or undefined at the oldest. `current` is kept as the draft. */
  previous(current: string): string | undefined {
    this.load()
    let index = this.position - 1
    while (index >= 0 && !this.isLatest(index)) index--
    if (index < 0) return undefined
    if (this.position === this.entries.length) this.draft = current
    this.position = index
    return this.entries[index]
  }

  /** Down: the next entry, the draft after the newest, or undefined when already there. */
  next(): string | undefined {
    this.load()
    if (this.position >= this.entries.length) return undefined
    do this.position++
    while (this.position < this.entries.length && !this.isLatest(this.position))
    return this.position === this.entries.length ? this.draft : this.entries[this.position]
  }

  /** Forgets the Up/Down position (after a submit or a cancelled line). */
  resetCursor(): void {
    this.position = this.entries.length
    this.draft = ''
  }

  /**
   * Ctrl+R: the newest entry containing `query` (case-insensitively) strictly before `before`.
   * Pass entries.length to search from the newest.
   */
  search(query: string, before = this.entries.length): HistoryMatch | undefined {
    const needle = query.toLowerCase()
    for (let index = Math.min(before, this.entries.length) - 1; index >= 0; index--) {
      if (this.entries[index].toLowerCase().includes(needle)) return { entry: this.entries[index], index }
    }
    return undefined
  }
}

/** One History per mounted shell. */
export function useHistory(file?: string): History {
  return useMemo(() => new History(file), [file])
}

/** True when `path` is a regular file (not a device such as /dev/null, a FIFO or a symbolic link). */
function isOwnFile(path: string): boolean {
  try {
    return lstatSync(path).isFile()
  } catch {
    return false
  }
}
