// CSP's paging: `pageStart` is a 1-based item index, `pageLimit` 1..200 (default 200), and the
// envelope carries relative `nextLink`/`prevLink` only when such a page exists (csp-api.md §3.1, §5).
import type { PagedResponse } from '../../wire/csp.js'
import type { EmulatorContext } from '../context.js'
import { BadRequestError } from '../errors.js'
import type { RequestContext } from './request.js'

/** The largest and default `pageLimit`. */
export const MAX_PAGE_LIMIT = 200

/** A validated page request. */
export interface PageRequest {
  /** 1-based index of the first item. */
  pageStart: number
  pageLimit: number
}

function integerParam(
  request: RequestContext,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = request.query.get(name)
  if (raw === null || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestError(`Invalid ${name}: ${raw}; expected an integer from ${min} to ${max}`)
  }
  return value
}

/** The page a request asks for; 400 for values outside CSP's documented bounds. */
export function pageRequest(request: RequestContext): PageRequest {
  return {
    pageStart: integerParam(request, 'pageStart', 1, 1, Number.MAX_SAFE_INTEGER),
    pageLimit: integerParam(request, 'pageLimit', MAX_PAGE_LIMIT, 1, MAX_PAGE_LIMIT),
  }
}

/**
 * A page of `total` items; `slice(offset, end)` yields only the page, so the cost is O(pageLimit)
 * at any offset. Links keep the request's other query parameters.
 */
export function page<T>(
  request: RequestContext,
  paging: PageRequest,
  total: number,
  slice: (offset: number, end: number) => T[],
): PagedResponse<T> {
  const offset = paging.pageStart - 1
  const results = offset < total ? slice(offset, Math.min(total, offset + paging.pageLimit)) : []
  const response: PagedResponse<T> = { results, totalResults: total }
  const link = (pageStart: number) => {
    const query = new URLSearchParams(request.query)
    query.delete('pageStart')
    query.delete('pageLimit')
    query.append('pageStart', String(pageStart))
    query.append('pageLimit', String(paging.pageLimit))
    return `${request.path.replace(/\/$/, '')}?${query.toString()}`
  }
  if (offset + paging.pageLimit < total) response.nextLink = link(paging.pageStart + paging.pageLimit)
  if (paging.pageStart > 1) response.prevLink = link(Math.max(1, paging.pageStart - paging.pageLimit))
  return response
}

/**
 * A page as newer CSP sends it when part of the listing failed (`PagedErrorAwareResponse`, csp-api.md
 * §10): the results it could read and an `errors` list. Only when the control API asks for it; the
 * entries follow CSP's error shape [I: their fields are not documented].
 */
export function withPageErrors<T>(body: PagedResponse<T>, emulator: EmulatorContext): PagedResponse<T> {
  if (!emulator.config.partialPages) return body
  return {
    ...body,
    errors: [
      {
        statusCode: 503,
        message: 'Part of the results could not be read: a backend service did not answer',
        moduleCode: 340,
      },
    ],
  }
}
