// What a one-shot command loads at start-up, so that it stays fast: not the built-ins that only some
// paths use (the keychain probe's child_process, net and dgram, readline for stdin, crypto), and not the CSV
// libraries, which load when a CSV cmdlet first runs; nor string-width's set-up (an Intl.Segmenter
// and Unicode-property expressions), which only text that is not printable ASCII needs. Asserts on
// what is loaded, never on time: Node's process.moduleLoadList for the built-ins, a module loader hook
// for the files of the bundle, and a count of the Intl.Segmenters made.
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, cleanEnv } from './helpers.js'

// crypto pulls some twenty more built-ins in; [guid]::NewGuid() uses the Web Crypto global instead.
const NOT_AT_START = ['child_process', 'net', 'dgram', 'readline', 'crypto']

// Records every file the ES module loader loads; runs in the loader's own thread.
const HOOKS = `
import { appendFileSync } from 'node:fs'
let file
export function initialize(data) {
  file = data.file
}
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(file, url + '\\n')
  return nextLoad(url, context)
}
`
// Registers the hooks, records the files of the bundle read with readFileSync (dist/cli.cjs compiles
// dist/chunks/app.cjs and its code cache from them) and loaded with require(), and writes Node's list
// of loaded built-ins when the process exits.
const PRELOAD = `
import { register, createRequire } from 'node:module'
import fs, { appendFileSync, writeFileSync } from 'node:fs'
register('./hooks.mjs', import.meta.url, { data: { file: process.env.STARTUP_TEST_FILES } })
const readFileSync = fs.readFileSync
fs.readFileSync = function (path, ...rest) {
  if (typeof path === 'string') appendFileSync(process.env.STARTUP_TEST_FILES, 'read:' + path + '\\n')
  return readFileSync.call(this, path, ...rest)
}
let segmenters = 0
const Segmenter = Intl.Segmenter
Intl.Segmenter = class extends Segmenter {
  constructor(...args) {
    super(...args)
    segmenters++
  }
}
process.on('exit', () => {
  const required = Object.keys(createRequire(import.meta.url).cache).map((path) => 'read:' + path)
  appendFileSync(process.env.STARTUP_TEST_FILES, required.join('\\n') + '\\n')
  writeFileSync(process.env.STARTUP_TEST_BUILTINS, process.moduleLoadList.join('\\n'))
  writeFileSync(process.env.STARTUP_TEST_SEGMENTERS, String(segmenters))
})
`
// Runs the full app (dist/chunks/app.js, an ES module) with the command line given after `--`: the
// shell's app, whose chunks show which modules a mode loads (the one-shot app is one file).
const FULL_APP = `
const { main } = await import(process.env.STARTUP_TEST_APP)
process.exitCode = await main(process.argv.slice(process.argv.indexOf('--') + 1))
`

let work: string
const DIST = dirname(CLI)
const APP = join(DIST, 'chunks', 'app.js')
const ONE_SHOT_APP = join(DIST, 'chunks', 'app.cjs')

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vcs-startup-'))
  writeFileSync(join(work, 'hooks.mjs'), HOOKS)
  writeFileSync(join(work, 'preload.mjs'), PRELOAD)
  writeFileSync(join(work, 'full-app.mjs'), FULL_APP)
})

afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Loaded {
  code: number | null
  stdout: string
  /** Built-in modules by name (`net`, `child_process`). */
  builtins: Set<string>
  /** Paths of the bundle's files loaded as ES modules, required, or read (dist/ only), each once. */
  files: string[]
  /** How many Intl.Segmenters were made. */
  segmenters: number
}

/**
 * Runs the CLI with the hooks. Output goes to files, not pipes: a piped stdout is a socket, which
 * loads net whatever the CLI does.
 */
function load(args: readonly string[], entry: 'cli' | 'full app' = 'cli'): Loaded {
  const run = mkdtempSync(join(work, 'run-'))
  const paths = {
    stdout: join(run, 'stdout'),
    stderr: join(run, 'stderr'),
    files: join(run, 'files'),
    builtins: join(run, 'builtins'),
    segmenters: join(run, 'segmenters'),
  }
  writeFileSync(paths.files, '')
  const stdout = openSync(paths.stdout, 'w')
  const stderr = openSync(paths.stderr, 'w')
  try {
    const main = entry === 'cli' ? [CLI] : [join(work, 'full-app.mjs'), '--']
    const result = spawnSync(process.execPath, ['--import', join(work, 'preload.mjs'), ...main, ...args], {
      env: {
        ...cleanEnv(),
        STARTUP_TEST_APP: pathToFileURL(APP).href,
        STARTUP_TEST_FILES: paths.files,
        STARTUP_TEST_BUILTINS: paths.builtins,
        STARTUP_TEST_SEGMENTERS: paths.segmenters,
      },
      stdio: ['ignore', stdout, stderr],
      timeout: 60_000,
    })
    const builtins = readFileSync(paths.builtins, 'utf8')
      .split('\n')
      .filter((entry) => entry.startsWith('NativeModule '))
      .map((entry) => entry.slice('NativeModule '.length))
    expect(readFileSync(paths.stderr, 'utf8')).toBe('')
    return {
      code: result.status,
      stdout: readFileSync(paths.stdout, 'utf8'),
      builtins: new Set(builtins),
      files: [
        ...new Set(
          readFileSync(paths.files, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((entry) => (entry.startsWith('read:') ? entry.slice('read:'.length) : fileURLToPath(entry)))
            .filter((path) => path.startsWith(DIST)),
        ),
      ],
      segmenters: Number(readFileSync(paths.segmenters, 'utf8')),
    }
  } finally {
    closeSync(stdout)
    closeSync(stderr)
  }
}

/** The bundle's files that hold csv-parse or csv-stringify, found by their error codes. */
function csvLibraryFiles(): string[] {
  const chunks = join(dirname(CLI), 'chunks')
  return readdirSync(chunks)
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(chunks, name))
    .filter((path) => /CSV_INVALID_CLOSING_QUOTE|CSV_OPTION_QUOTED_MATCH/.test(readFileSync(path, 'utf8')))
}

describe('start-up of a one-shot command', () => {
  it.each([
    ['-c "Get-Command | Measure-Object"', ['-o', 'json', '-c', 'Get-Command | Measure-Object']],
    ['the Get-Command cmdlet', ['Get-Command', '--name', 'Measure-Object']],
  ])('%s runs the one-shot app from its code cache, and loads no ES module', (_, args) => {
    const loaded = load(args)
    expect(loaded.code).toBe(0)
    expect(loaded.stdout).toMatch(/"(Count|Name)":/)
    for (const name of NOT_AT_START) expect(loaded.builtins, name).not.toContain(name)
    // fs/promises (~1.7 ms) loads when a script file, `switch -File` or a redirection needs it.
    expect(loaded.builtins).not.toContain('fs/promises')
    expect(loaded.files.sort()).toEqual([CLI, ONE_SHOT_APP, `${ONE_SHOT_APP}.cache`].sort())
    expect(loaded.segmenters).toBe(0)
  })

  it('has a code cache V8 takes for the one-shot app (made by the build, with this Node)', () => {
    const script = `
      const { readFileSync } = require('node:fs')
      const { Script } = require('node:vm')
      const file = ${JSON.stringify(ONE_SHOT_APP)}
      // As dist/cli.cjs compiles it: the build wrapped it as a module function already.
      const script = new Script(readFileSync(file, 'latin1'), {
        filename: file,
        cachedData: readFileSync(file + '.cache'),
      })
      console.log(JSON.stringify({ rejected: script.cachedDataRejected }))
    `
    const result = spawnSync(process.execPath, ['-e', script], { env: cleanEnv(), encoding: 'utf8' })
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual({ rejected: false })
  })

  it('runs `vcs` with stdin not a terminal (a script on stdin) in the one-shot app', () => {
    // Not a terminal, so `vcs` with no arguments reads its script from stdin: the one-shot app.
    const loaded = load(['--no-color'])
    expect(loaded.code).toBe(0)
    expect(loaded.files).not.toContain(APP)
  })

  it.each([
    ['-c "Get-Command | Measure-Object"', ['-o', 'json', '-c', 'Get-Command | Measure-Object']],
    ['the Get-Command cmdlet', ['Get-Command', '--name', 'Measure-Object']],
  ])(
    '%s in the full app loads neither keychain, network and stdin built-ins nor the CSV libraries',
    (_, args) => {
      const csv = csvLibraryFiles()
      expect(csv.length).toBeGreaterThan(0)
      const loaded = load(args, 'full app')
      expect(loaded.code).toBe(0)
      expect(loaded.stdout).toMatch(/"(Count|Name)":/)
      for (const name of NOT_AT_START) expect(loaded.builtins, name).not.toContain(name)
      expect(loaded.files).toContain(APP)
      expect(loaded.files.filter((file) => csv.includes(file))).toEqual([])
      expect(loaded.segmenters).toBe(0)
    },
  )

  it('measures wide text in terminal cells once some appears, and only then sets string-width up', () => {
    const ascii = load(['-c', "[pscustomobject]@{ Name = 'Ada'; Team = 'x' } | Format-Table"])
    expect(ascii.code).toBe(0)
    expect(ascii.segmenters).toBe(0)
    const wide = load([
      '-c',
      "[pscustomobject]@{ Name = '日本語'; Team = 'x' }, [pscustomobject]@{ Name = 'Ada'; Team = 'y' } | Format-Table",
    ])
    expect(wide.code).toBe(0)
    expect(wide.segmenters).toBeGreaterThan(0)
    // 日本語 takes six cells: both rows' Team column starts at the same cell.
    const lines = wide.stdout.split('\n').filter((line) => line.trim() !== '')
    expect(lines).toEqual(['Name   Team', '----   ----', '日本語 x', 'Ada    y'])
  })

  it('answers --version from dist/cli.cjs alone, loading no other file', () => {
    const loaded = load(['--version'])
    expect(loaded.code).toBe(0)
    expect(loaded.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    expect(loaded.files).toEqual([CLI])
  })

  it("loads the shell's modules (Ink, and yoga's WebAssembly) without Node's fetch", () => {
    const chunks = join(dirname(CLI), 'chunks')
    const shell = readdirSync(chunks).find((name) => /^shell-.*\.js$/.test(name))
    expect(shell).toBeDefined()
    const script = `await import(${JSON.stringify(join(chunks, shell!))}); console.log(JSON.stringify(process.moduleLoadList))`
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(0)
    const builtins = JSON.parse(result.stdout) as string[]
    expect(builtins.filter((entry) => entry.includes('undici'))).toEqual([])
  })

  it('sees the CSV libraries and net load when a command uses them', () => {
    const csv = csvLibraryFiles()
    const parsed = load(['-o', 'json', '-c', "'a,b','1,2' | ConvertFrom-Csv | Measure-Object"], 'full app')
    expect(parsed.code).toBe(0)
    expect(parsed.stdout).toMatch(/"Count":1\b/)
    expect(parsed.files.some((file) => csv.includes(file))).toBe(true)

    const local = load([
      '-c',
      "$t = 'not-a-real-token'; New-VcsOAuthSecurityContext -ApiToken $t -VcsServer 'http://127.0.0.1:8443' | Measure-Object",
    ])
    expect(local.code).toBe(0)
    expect(local.builtins).toContain('net')
  })
})
