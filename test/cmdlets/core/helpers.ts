// Test helpers for the core cmdlets: a recording session and a paged source that counts pages.
import {
  cmdletFunction,
  defineCmdlet,
  RecordingHost,
  Session,
  withTypeName,
  type Pipeline,
} from '../../../src/engine/index.js'

/** A session whose host records warnings and errors; errors continue unless asked to stop. */
export function recordingSession(errorAction: 'Stop' | 'Continue' = 'Continue') {
  const host = new RecordingHost()
  const session = new Session({ host, errorActionPreference: errorAction })
  return { host, session }
}

/** Runs a pipeline in a fresh recording session and returns output and host. */
export async function run<T>(pipeline: Pipeline<T>, errorAction: 'Stop' | 'Continue' = 'Continue') {
  const { host, session } = recordingSession(errorAction)
  const output = await pipeline.in(session)
  return { output, host, session }
}

/** Pages fetched by getPaged, to prove early stop. */
export const pagesFetched: number[] = []

const GetPaged = defineCmdlet({
  name: 'Get-Paged',
  synopsis: 'Yields users in pages of ten, recording each page fetched.',
  parameters: { count: { type: 'int' } },
  examples: [],
  async *process(args) {
    const count = args.count ?? 50
    for (let page = 0; page * 10 < count; page++) {
      pagesFetched.push(page)
      for (let i = page * 10; i < Math.min(count, page * 10 + 10); i++) {
        yield withTypeName('PagedUser', { Id: i, Email: `user${i}@example.com` })
      }
    }
  },
})

export const getPaged = cmdletFunction(GetPaged)
