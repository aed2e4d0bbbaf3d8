// State whose latest value handlers can read at once: Ink delivers several keys between two renders,
// and a closure over the rendered value would act on stale state.
import { useCallback, useRef, useState } from 'react'

/** Like useState, plus a ref that always holds the value most recently set. */
export function useLatestState<T>(initial: T): [T, (next: T) => void, { readonly current: T }] {
  const ref = useRef(initial)
  const [value, setValue] = useState(initial)
  const set = useCallback((next: T) => {
    ref.current = next
    setValue(next)
  }, [])
  return [value, set, ref]
}
