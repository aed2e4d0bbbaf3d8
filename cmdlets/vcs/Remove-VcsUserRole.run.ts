// The code of Remove-VcsUserRole (declared in Remove-VcsUserRole.ts).
import { implement } from '../../src/engine/index.js'
import { addOrRemoveRoles } from './shared/user-roles.js'
import type RemoveVcsUserRole from './Remove-VcsUserRole.js'

export const removeVcsUserRole = implement<typeof RemoveVcsUserRole>({
  stream: (records, ctx) => addOrRemoveRoles(records, ctx, 'remove'),
})
