// The code of Write-Host (declared in Write-Host.ts).
import { implement, toDisplayString } from '../../src/engine/index.js'
import type { WriteHost } from './Write-Host.js'

export const writeHost = implement<typeof WriteHost>({
  process(args, ctx) {
    ctx.writeInformation((args.object ?? []).map(toDisplayString).join(args.separator ?? ' '))
  },
})
