// Memory back after a big listing. V8 collects the old generation only when it next needs room, and
// an idle shell allocates nothing: the garbage of a 20,000-row listing kept its pages committed for
// as long as the shell waited at the prompt (RSS +27 MB a minute later, heap in use back to 17 MB).
// The young generation had grown to its 2 x 16 MB maximum during the listing; V8 shrinks it in a
// collection only when it measures a low allocation rate over its last 5 s, from two collections at
// least. So the shell collects twice once the prompt is back: after 1 s (the old generation's
// garbage), and 6 s later (the young generation shrinks). Measured: RSS 10 s after the listing
// below what it was before it (scripts/bench/shell-stream.mjs).
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Records a line must output before the shell collects after it (small lines leave little garbage). */
export const COLLECT_AFTER_RECORDS = 5000

/** When the prompt has been back this long (no new line running), the first collection runs. */
export const COLLECT_FIRST_MS = 1000

/** The second one runs this long after the first: past V8's 5 s window of allocation rates. */
export const COLLECT_SECOND_MS = 6000

let collect: (() => void) | null | undefined

/**
 * Runs a full garbage collection; false when the runtime offers none. V8's `gc` is exposed by flag:
 * set at run time, it appears in contexts created afterwards, so a fresh context hands it over.
 */
export function collectGarbage(): boolean {
  if (collect === undefined) {
    try {
      const exposed = (globalThis as { gc?: () => void }).gc
      if (!exposed) setFlagsFromString('--expose-gc')
      collect = exposed ?? (runInNewContext('gc') as () => void)
    } catch {
      collect = null
    }
  }
  collect?.()
  return collect !== null
}
