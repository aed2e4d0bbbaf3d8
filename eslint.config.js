// One lint gate for the whole tree: typescript-eslint's recommended rules, zero warnings allowed, and
// the walls between the layers (architecture.md): each folder may import only what it may depend on.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import { posix } from 'node:path'

const UI_PACKAGES = ['ink', 'ink/*', 'react', 'react/*']

/**
 * The walls: [folder, folders it must not import from (repo-relative), packages it must not import,
 * why]. test/architecture.test.ts proves that each one bites.
 */
export const walls = [
  [
    'src/engine',
    [
      'cmdlets',
      'src/csp',
      'src/auth',
      'src/language',
      'src/shell',
      'src/cli',
      'src/emulator',
      'src/library',
      'src/wire',
    ],
    [...UI_PACKAGES, 'openid-client', 'undici'],
    'The engine knows nothing of CSP, the language, cmdlets or UI (architecture.md).',
  ],
  [
    'src/emulator',
    ['cmdlets', 'src/engine', 'src/csp', 'src/auth', 'src/language', 'src/shell', 'src/cli', 'src/library'],
    UI_PACKAGES,
    'The emulator imports nothing from the client side but the shared wire types (src/wire): sharing code would hide mismatches.',
  ],
  [
    'src/csp',
    ['cmdlets', 'src/language', 'src/shell', 'src/cli', 'src/emulator', 'src/library'],
    UI_PACKAGES,
    'src/csp is the HTTP client only: no use cases, no language, no UI.',
  ],
  [
    'src/auth',
    ['cmdlets', 'src/language', 'src/shell', 'src/cli', 'src/emulator', 'src/library'],
    UI_PACKAGES,
    'src/auth holds connections and credentials: no cmdlets, language or UI.',
  ],
  [
    'src/language',
    ['cmdlets', 'src/csp', 'src/auth', 'src/shell', 'src/cli', 'src/emulator', 'src/library'],
    UI_PACKAGES,
    'The language runs on the engine and knows no cmdlet, CSP or UI.',
  ],
  [
    'cmdlets/vcs',
    ['src/language', 'src/shell', 'src/cli', 'src/emulator', 'src/library'],
    UI_PACKAGES,
    'Cmdlets hold no UI and do not reach into the front ends: they yield records and ask the host.',
  ],
  [
    'cmdlets/core',
    [
      'cmdlets/vcs',
      'src/csp',
      'src/auth',
      'src/wire',
      'src/language',
      'src/shell',
      'src/cli',
      'src/emulator',
      'src/library',
    ],
    UI_PACKAGES,
    'The everyday cmdlets know nothing of CSP, and no cmdlet holds UI (architecture.md).',
  ],
  [
    'src/shell',
    ['src/csp', 'src/emulator', 'src/wire'],
    [],
    'The shell holds no business logic: it runs lines through the language and renders what comes back.',
  ],
]

/**
 * ESLint configs for one wall. Imports are relative, so the forbidden globs are spelled from each
 * depth below the folder (a file in src/emulator/routes/ reaches src/auth as ../../auth/...).
 */
function wallConfigs([folder, forbiddenFolders, forbiddenPackages, message]) {
  return [0, 1, 2, 3, 4].map((depth) => {
    const dir = posix.join(folder, ...Array(depth).fill('x'))
    const group = forbiddenFolders.flatMap((target) => {
      const relative = posix.relative(dir, target)
      const spelled = relative.startsWith('.') ? relative : `./${relative}`
      return [`${spelled}/**`, `${spelled}.js`]
    })
    return {
      files: [`${folder}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ group: [...group, ...forbiddenPackages], message }] },
        ],
      },
    }
  })
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...walls.flatMap(wallConfigs),
)
