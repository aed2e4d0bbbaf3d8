// CSP's documented limits, in a module of their own: cmdlet declarations state them (a parameter's
// range, its help) without loading the client.

/** CSP's limits the client respects (csp-api.md §3.1, §3.2, §3.4, §4.1). */
export const LIMITS = {
  /** Largest `pageLimit` of the user list. */
  pageLimit: 200,
  /** User search returns at most this many, with no paging. */
  searchResults: 20,
  /** Longest user search term. */
  searchTermLength: 120,
  /** Most user ids per removal request. */
  removeBatch: 20,
  /** Most usernames per invitation request (the emulator's limit; CSP does not document one). */
  inviteBatch: 100,
  /** Most groups per invitation. */
  inviteGroups: 15,
  /** Most users per group-membership request (TCSP `AddUsersToCustomGroupRequest`: 20). */
  groupBatch: 20,
} as const
