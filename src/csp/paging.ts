// Streams CSP's paged lists: page 1 first (so the first records show at once), then, with the total
// known, a bounded window of pages fetched ahead in parallel and yielded in order. Memory stays at
// the window; stopping early aborts what is in flight and fetches nothing more.
import type { PagedResponse } from '../wire/csp.js'

/** Fetches one page starting at the 1-based item index `pageStart`. */
export type PageFetcher<T> = (
  pageStart: number,
  pageLimit: number,
  signal: AbortSignal,
) => Promise<PagedResponse<T>>

export interface PagingOptions {
  pageLimit: number
  /** Pages in flight at once after the first. */
  concurrency: number
  signal?: AbortSignal
  /**
   * Called for each page whose `errors` list is not empty: newer CSP answers a partial page that way
   * (`PagedErrorAwareResponse`, csp-api.md §10), so the listing is incomplete. May throw to stop.
   */
  onPartial?: (errors: ReadonlyArray<unknown>) => void
}

/** The `errors` of a page, when it says it is partial. */
function pageErrors(page: { errors?: unknown }): ReadonlyArray<unknown> | undefined {
  return Array.isArray(page.errors) && page.errors.length > 0 ? page.errors : undefined
}

/** Yields every item of a paged list, in order. */
export async function* streamPages<T>(fetchPage: PageFetcher<T>, options: PagingOptions): AsyncGenerator<T> {
  for await (const page of streamPageResults(fetchPage, options)) yield* page
}

/**
 * Yields the results of each page of a paged list, in order: one step of an async generator per
 * page rather than per item, for consumers that go through many thousands of items.
 */
export async function* streamPageResults<T>(
  fetchPage: PageFetcher<T>,
  options: PagingOptions,
): AsyncGenerator<T[]> {
  const controller = new AbortController()
  const onAbort = () => controller.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const { pageLimit } = options
  const window: Promise<PagedResponse<T>>[] = []
  try {
    const check = (page: PagedResponse<T>): T[] => {
      const errors = pageErrors(page)
      if (errors) options.onPartial?.(errors)
      // A page without a results list is an empty one, not a crash.
      return Array.isArray(page?.results) ? page.results : []
    }
    const first = await fetchPage(1, pageLimit, controller.signal)
    const firstResults = check(first)
    const total = typeof first.totalResults === 'number' ? first.totalResults : firstResults.length
    let nextStart = 1 + pageLimit
    const launch = () => {
      while (window.length < Math.max(1, options.concurrency) && nextStart <= total) {
        const page = fetchPage(nextStart, pageLimit, controller.signal)
        // Marked handled now: a page that fails after an early stop must not be an unhandled rejection.
        page.catch(() => undefined)
        window.push(page)
        nextStart += pageLimit
      }
    }
    // The window is launched once the consumer has page 1 (its first record is not held back by
    // the requests' set-up) but before it is done with it: at its first wait for I/O, or at the
    // latest when it asks for page 2, so the network works while the consumer does.
    const early = setImmediate(launch)
    try {
      if (firstResults.length > 0) yield firstResults
    } finally {
      clearImmediate(early)
    }
    launch()
    // Only what the nextLink check below needs is kept of the page last yielded: the consumer owns
    // the results it was given and may let go of each record as it is done with it.
    let nextLink = first.nextLink
    let lastCount = firstResults.length
    while (window.length > 0) {
      const page = await window.shift()!
      launch()
      const results = check(page)
      nextLink = page?.nextLink
      lastCount = results.length
      if (results.length > 0) yield results
    }
    // The list grew while we read it: follow the server's link past the total we started with.
    while (nextLink && lastCount === pageLimit) {
      const page = await fetchPage(nextStart, pageLimit, controller.signal)
      nextStart += pageLimit
      const results = check(page)
      nextLink = page?.nextLink
      lastCount = results.length
      if (results.length > 0) yield results
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    controller.abort()
  }
}

/**
 * Runs `work` over items with at most `limit` running at once, in input order of start; yields each
 * result as it settles. Reads input lazily, so a huge stream is never held in memory.
 */
export async function* mapConcurrent<I, O>(
  items: AsyncIterable<I> | Iterable<I>,
  limit: number | (() => number),
  work: (item: I) => Promise<O>,
): AsyncGenerator<O> {
  const running = new Set<Promise<{ promise: Promise<unknown>; value: O }>>()
  const iterator =
    Symbol.asyncIterator in (items as object)
      ? (items as AsyncIterable<I>)[Symbol.asyncIterator]()
      : toAsync(items as Iterable<I>)
  let done = false
  try {
    for (;;) {
      while (!done && running.size < Math.max(1, typeof limit === 'function' ? limit() : limit)) {
        const next = await iterator.next()
        if (next.done) {
          done = true
          break
        }
        const promise: Promise<{ promise: Promise<unknown>; value: O }> = work(next.value).then((value) => ({
          promise,
          value,
        }))
        promise.catch(() => undefined)
        running.add(promise)
      }
      if (running.size === 0) return
      const settled = await Promise.race(running)
      running.delete(settled.promise as Promise<{ promise: Promise<unknown>; value: O }>)
      yield settled.value
    }
  } finally {
    if (!done) await iterator.return?.()
    // Let work already started finish (a write half-done must still be recorded), ignoring failures.
    await Promise.allSettled(running)
  }
}

async function* toAsyncGen<I>(items: Iterable<I>): AsyncGenerator<I> {
  yield* items
}

function toAsync<I>(items: Iterable<I>): AsyncIterator<I> {
  return toAsyncGen(items)
}
