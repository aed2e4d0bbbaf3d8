// The code of Add-VcsUserRole (declared in Add-VcsUserRole.ts).
import { implement } from '../../src/engine/index.js'
import { addOrRemoveRoles } from './shared/user-roles.js'
import type AddVcsUserRole from './Add-VcsUserRole.js'

export const addVcsUserRole = implement<typeof AddVcsUserRole>({
  stream: (records, ctx) => addOrRemoveRoles(records, ctx, 'add'),
})
