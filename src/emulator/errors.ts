// HTTP-mapped errors in CSP's body shape: handlers throw, the server serializes. Every failure a
// client can see, including unknown routes and 405, is one of these (csp-api.md §5, §9).
import type { CspErrorResponse } from '../wire/csp.js'

/** CSP's module code of its account-management service, seen on real error bodies (NSXT-ISSUE). */
export const AM_MODULE_CODE = 340

/** Options of a {@link CspHttpError}. */
export interface CspHttpErrorOptions {
  cspErrorCode?: string
  errorCode?: string
  headers?: Record<string, string>
  cause?: unknown
}

/** Base of every error the emulator answers with: a status plus CSP's error body. */
export class CspHttpError extends Error {
  /** The request id, filled by the server just before the body is written. */
  requestId = ''
  readonly cspErrorCode?: string
  readonly errorCode?: string
  readonly headers: Record<string, string>

  constructor(
    readonly statusCode: number,
    message: string,
    options: CspHttpErrorOptions = {},
  ) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.cspErrorCode = options.cspErrorCode
    this.errorCode = options.errorCode
    this.headers = options.headers ?? {}
  }

  /** The body CSP would send. */
  toJSON(): CspErrorResponse {
    const body: CspErrorResponse = {
      statusCode: this.statusCode,
      message: this.message,
      requestId: this.requestId,
      moduleCode: AM_MODULE_CODE,
    }
    if (this.errorCode !== undefined) body.errorCode = this.errorCode
    if (this.cspErrorCode !== undefined) body.cspErrorCode = this.cspErrorCode
    return body
  }
}

/** 400: invalid request body, bad parameters, unusable invitation, invalid API token. */
export class BadRequestError extends CspHttpError {
  constructor(message = 'Invalid request body', options?: CspHttpErrorOptions) {
    super(400, message, options)
  }
}

/** 401: no, expired or forged access token; bad client credentials. */
export class UnauthorizedError extends CspHttpError {
  constructor(message = 'The user is not authorized to use the API', options?: CspHttpErrorOptions) {
    super(401, message, options)
  }
}

/** 403: authenticated, but the roles do not allow the operation. */
export class ForbiddenError extends CspHttpError {
  constructor(message = 'The user is forbidden to use the API', options?: CspHttpErrorOptions) {
    super(403, message, options)
  }
}

/** 404: unknown route, organization (including another org than the token's) or resource. */
export class NotFoundError extends CspHttpError {
  constructor(message = 'Not found', options?: CspHttpErrorOptions) {
    super(404, message, options)
  }
}

/** 405: the path exists but not with this method. */
export class MethodNotAllowedError extends CspHttpError {
  constructor(method: string, allowed: string[]) {
    super(405, `Request method '${method}' is not supported`, { headers: { allow: allowed.join(', ') } })
  }
}

/** 409: the invitation conflicts with a member or a pending invitation. */
export class ConflictError extends CspHttpError {
  constructor(message: string, options?: CspHttpErrorOptions) {
    super(409, message, options)
  }
}

/** 413: a request body larger than the emulator accepts. */
export class PayloadTooLargeError extends CspHttpError {
  constructor(limit: number) {
    super(413, `Request body larger than ${limit} bytes`)
  }
}

/** 429: the configured rate limit is exceeded. */
export class TooManyRequestsError extends CspHttpError {
  constructor(retryAfterSeconds?: number) {
    super(429, 'The user has sent too many requests', {
      headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    })
  }
}

/** 500: an injected fault or a bug in the emulator. */
export class InternalServerError extends CspHttpError {
  constructor(
    message = 'An unexpected error has occurred while processing the request',
    options?: CspHttpErrorOptions,
  ) {
    super(500, message, options)
  }
}

/** 503: an injected fault. */
export class ServiceUnavailableError extends CspHttpError {
  constructor() {
    super(503, 'The service is temporarily unavailable')
  }
}

/** 503: the data directory cannot be written (a full disk); reads go on, writes wait for a restart. */
export class StorageUnavailableError extends CspHttpError {
  constructor(cause: Error) {
    super(503, 'The service is temporarily unavailable', { cause })
  }
}
