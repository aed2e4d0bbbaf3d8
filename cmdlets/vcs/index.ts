// The CSP cmdlets: users, invitations, roles, services and groups.
import type { AnyCmdlet } from '../../src/engine/index.js'

export const vcsCmdlets: AnyCmdlet[] = []
