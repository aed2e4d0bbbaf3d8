// The walls between the layers (architecture.md) are lint rules; these tests prove each one bites,
// and that the import graph has no cycle outside the language's evaluator.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

/** Lints one line of code as if it stood in `file`; returns the restricted-import messages. */
async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {}\n`, { filePath: join(root, file) })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('the walls between the layers', () => {
  it.each([
    ['src/engine/pipeline.ts', "import '../../cmdlets/index.js'", 'engine imports a cmdlet'],
    ['src/engine/pipeline.ts', "import '../csp/client.js'", 'engine imports the CSP client'],
    ['src/engine/pipeline.ts', "import 'ink'", 'engine imports UI'],
    ['src/emulator/routes/users.ts', "import '../../engine/index.js'", 'emulator imports the engine'],
    ['src/emulator/routes/users.ts', "import '../../csp/endpoints.js'", 'emulator imports the client'],
    ['src/emulator/http/server.ts', "import '../../auth/index.js'", 'emulator imports client auth'],
    ['cmdlets/vcs/Get-VcsUser.ts', "import '../../src/shell/theme.js'", 'a cmdlet imports shell code'],
    ['cmdlets/vcs/shared/users.ts', "import 'react'", 'cmdlet code imports UI'],
    ['cmdlets/core/Out-Null.ts', "import '../../src/csp/client.js'", 'a core cmdlet imports CSP'],
    ['src/csp/client.ts', "import '../../cmdlets/vcs/shared/model.js'", 'the HTTP client imports a use case'],
    ['src/language/parser.ts', "import '../../cmdlets/index.js'", 'the language imports the registry'],
    ['src/shell/App.tsx', "import '../csp/endpoints.js'", 'the shell calls CSP'],
  ])('%s: %s is refused (%s)', async (file, code) => {
    expect(await restricted(file, code)).toHaveLength(1)
  })

  it.each([
    ['src/emulator/routes/users.ts', "import type { UsersPage } from '../../wire/csp.js'"],
    ['src/emulator/routes/users.ts', "import { requirePrincipal } from '../auth/principal.js'"],
    ['cmdlets/vcs/Get-VcsUser.ts', "import { cspCall } from '../../src/csp/connection.js'"],
    ['src/shell/App.tsx', "import { Interpreter } from '../language/index.js'"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restricted(file, code)).toEqual([])
  })
})

/** Every .ts/.tsx file below a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Static relative imports of a file, resolved to files (type-only imports do not count: no cycle at run time). */
function importsOf(file: string, known: Set<string>): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'/gm)]
    .concat([...text.matchAll(/^\s*import\s+'(\.[^']+)'/gm)])
    .map((match) => match[1])
  return specifiers
    .map((spec) => resolve(dirname(file), spec).replace(/\.js$/, ''))
    .flatMap((base) => [`${base}.ts`, `${base}.tsx`].filter((path) => known.has(path)))
}

/** Strongly connected components of size > 1 (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    indices.set(node, index)
    low.set(node, index++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!))
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1) found.push(component)
    }
  }
  for (const node of graph.keys()) if (!indices.has(node)) visit(node)
  return found
}

describe('import cycles', () => {
  it('none outside the language evaluator (whose mutual recursion is natural; see src/language/README.md)', () => {
    const files = [...sources(join(root, 'src')), ...sources(join(root, 'cmdlets'))]
    const known = new Set(files)
    const graph = new Map(files.map((file) => [file, importsOf(file, known)]))
    const outside = cycles(graph)
      .map((component) => component.map((file) => relative(root, file)).sort())
      .filter((component) => !component.every((file) => file.startsWith('src/language/')))
    expect(outside).toEqual([])
  })
})

describe('one list of cmdlets', () => {
  it('every Vcs cmdlet of the registry has its library function, and the library exports no other', async () => {
    // The registry (cmdlets/vcs/index.ts) is the list; ES named exports cannot be generated, so the
    // library's typed functions are checked against it instead of kept by hand.
    const { vcsCmdlets } = await import('../../cmdlets/vcs/index.js')
    const { connectionCmdlets } = await import('../../cmdlets/vcs/connection-cmdlets.js')
    const library = await import('../../src/library/vcs.js')
    const functions = Object.entries(library)
      .filter(([, value]) => typeof value === 'function' && 'cmdlet' in (value as object))
      .map(([name]) => name)
      .sort()
    expect(functions).toEqual(vcsCmdlets.map((cmdlet) => cmdlet.functionName).sort())
    expect(connectionCmdlets.length).toBeGreaterThan(0)
  })
})
