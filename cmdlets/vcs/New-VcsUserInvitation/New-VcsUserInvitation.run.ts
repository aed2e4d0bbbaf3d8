// The code of New-VcsUserInvitation (declared in New-VcsUserInvitation.ts).
import { implement } from '../../../src/engine/index.js'
import { InviteJob } from './job.js'
import type NewVcsUserInvitation from './New-VcsUserInvitation.js'

export const newVcsUserInvitation = implement<typeof NewVcsUserInvitation>({
  async *stream(records, ctx) {
    const job = new InviteJob(ctx)
    try {
      yield* job.run(records)
    } finally {
      await job.close()
    }
  },
})
