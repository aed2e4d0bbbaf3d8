// The code of Out-Null (declared in Out-Null.ts).
import { implement } from '../../src/engine/index.js'
import type { OutNull } from './Out-Null.js'

export const outNull = implement<typeof OutNull>({
  process() {},
})
