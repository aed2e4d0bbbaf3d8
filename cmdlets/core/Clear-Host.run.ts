// The code of Clear-Host (declared in Clear-Host.ts).
import { implement } from '../../src/engine/index.js'
import type { ClearHost } from './Clear-Host.js'

export const clearHost = implement<typeof ClearHost>({
  process(_args, ctx) {
    ctx.host.clearScreen?.()
  },
})
