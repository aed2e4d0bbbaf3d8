// After a big listing the shell collects garbage itself (V8 would not while the shell sits idle at
// the prompt): the collection must be available without --expose-gc, and must really collect.
import { expect, it } from 'vitest'
import { collectGarbage } from '../../src/shell/memory.js'

it('runs a full collection without --expose-gc: an object nobody holds is gone after it', async () => {
  let ref: WeakRef<object> | undefined
  ;(() => {
    ref = new WeakRef({ rows: 'x'.repeat(100_000) })
  })()
  // A WeakRef's target is kept until the end of the current job: collect in a later one.
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(collectGarbage()).toBe(true)
  expect(ref!.deref()).toBeUndefined()
})
