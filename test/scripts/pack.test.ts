// The package as users get it: `npm pack` (which runs `prepare`: the esbuild bundle and the type
// declarations), the tarball unpacked into a temporary project as `npm install` lays it out, its
// dependencies linked from this checkout's node_modules (offline), then a TypeScript consumer
// typechecked against the shipped .d.ts files and run, and a zx script run, against the emulator.
// The pack happens in a copy of the sources, so the dist/ other test files use is never rebuilt.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'

const run = promisify(execFile)
const ROOT = resolve('.')
const MODULES = join(ROOT, 'node_modules')
const NPM_ENV = {
  ...process.env,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
}

let work: string
let project: string
let emulator: Awaited<ReturnType<typeof startEmulator>>
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vcs-pack-'))
  const source = join(work, 'source')
  await mkdir(source)
  for (const entry of [
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'README.md',
    'src',
    'cmdlets',
    'docs',
  ])
    await cp(join(ROOT, entry), join(source, entry), { recursive: true })
  await mkdir(join(source, 'scripts'))
  await cp(join(ROOT, 'scripts/build.mjs'), join(source, 'scripts/build.mjs'))
  await symlink(MODULES, join(source, 'node_modules'))
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: source,
    env: NPM_ENV,
    maxBuffer: 64 * 1024 * 1024,
  })
  const [{ filename }] = JSON.parse(stdout) as { filename: string }[]

  // The temporary project: the tarball unpacked where npm puts it, its dependencies (and the
  // consumer's typescript, zx and @types/node) linked from this checkout, the bin linked as npm does.
  project = join(work, 'project')
  const installed = join(project, 'node_modules/vcs-shell')
  await mkdir(installed, { recursive: true })
  await run('tar', ['-xzf', join(work, filename), '-C', installed, '--strip-components=1'])
  const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
  for (const name of [...Object.keys(pkg.dependencies), 'zx', 'typescript', '@types/node']) {
    const target = join(project, 'node_modules', name)
    await mkdir(join(target, '..'), { recursive: true })
    await symlink(join(MODULES, name), target)
  }
  await mkdir(join(project, 'node_modules/.bin'))
  await symlink('../vcs-shell/dist/cli.cjs', join(project, 'node_modules/.bin/vcs'))
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', type: 'module', private: true }),
  )

  emulator = await startEmulator({ port: 0, seed: 'demo' })
  env = {
    ...process.env,
    VCS_SERVER: emulator.url,
    VCS_API_TOKEN: emulator.credentials.apiToken,
    VCS_CREDENTIAL_STORE: 'memory',
  }
}, 600_000)

afterAll(async () => {
  await emulator?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

describe('the packed package', () => {
  it('ships the bundle and the type declarations', async () => {
    const types = join(project, 'node_modules/vcs-shell/dist/types/src')
    expect(await readdir(types)).toEqual(expect.arrayContaining(['index.d.ts', 'globals.d.ts']))
  })

  it('a .ts consumer typechecks against the shipped types (no any) and runs', async () => {
    await writeFile(
      join(project, 'consumer.ts'),
      [
        "import { connectFromEnvironment, getVcsUser, PartialFailureError, type VcsUser } from 'vcs-shell'",
        'await connectFromEnvironment()',
        "const users: VcsUser[] = await getVcsUser({ name: 'Ava*' })",
        '// @ts-expect-error a misspelt parameter is a type error: the functions are typed, not any',
        "getVcsUser({ nmae: 'x' })",
        'const failure: PartialFailureError | undefined = undefined',
        'void failure',
        'console.log(users.map((user) => user.Email).join(","))',
        '',
      ].join('\n'),
    )
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noImplicitAny: true,
          skipLibCheck: true,
          types: ['node'],
          outDir: 'out',
        },
        files: ['consumer.ts'],
      }),
    )
    const tsc = join(project, 'node_modules/typescript/bin/tsc')
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project })
    const { stdout } = await run(process.execPath, ['out/consumer.js'], { cwd: project, env })
    expect(stdout.trim()).toBe('ava.thompson@demo.example')
  })

  it('a zx script runs the library and the installed vcs bin', async () => {
    await writeFile(
      join(project, 'job.mjs'),
      [
        "import { $ } from 'zx'",
        "import { connectFromEnvironment, ps } from 'vcs-shell'",
        'await connectFromEnvironment()',
        "const [count] = await ps`(Get-VcsUser -Name ${'A*'}).Count`",
        "const out = await $`vcs -c ${'(Get-VcsUser).Count'}`",
        'console.log(`${count} ${out.stdout.trim()}`)',
        '',
      ].join('\n'),
    )
    const bin = join(project, 'node_modules/.bin')
    const { stdout } = await run(process.execPath, ['job.mjs'], {
      cwd: project,
      env: { ...env, PATH: `${bin}:${process.env.PATH}` },
    })
    expect(stdout.trim()).toMatch(/^[1-9]\d* [1-9]\d*$/)
  })
})
