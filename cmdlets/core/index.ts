// The everyday cmdlets (Where-Object, Select-Object, Import-Csv, Get-Help, ...), in Get-Command order.
import type { AnyCmdlet } from '../../src/engine/index.js'

export const coreCmdlets: AnyCmdlet[] = []
