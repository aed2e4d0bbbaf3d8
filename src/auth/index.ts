// The auth layer's public surface: the CSP client and the connection cmdlets use these, nothing else.
export type { AuthType, TlsOptions, VcsConnection } from './types.js'
export { DEFAULT_SERVER, parseServer, isLoopbackHost, type ServerAddress } from './server.js'
export {
  connect,
  getConnection,
  listConnections,
  removeConnection,
  savedApiTokenKey,
  cachedTokenKey,
  type ConnectOptions,
  type AuthLog,
} from './connect.js'
export { connectFromEnvironment } from './environment.js'
export { disconnect, forgetSavedCredential, type DisconnectOptions } from './disconnect.js'
export {
  Connection,
  apiTokenExpiryWarning,
  API_TOKEN_WARNING_DAYS,
  type ApiTokenDetails,
  type VcsServerRecord,
} from './connection.js'
export {
  VcsOAuthSecurityContext,
  credentialOf,
  credentialFingerprint,
  previewSecret,
  type Credential,
} from './credentials.js'
export { TokenManager, refreshMargin, type TokenManagerOptions } from './token-manager.js'
export { exchangeCredential, clearDiscoveryCache, type TokenSet } from './exchange.js'
export { decodeJwtClaims, type AccessTokenClaims } from './jwt.js'
export * from './stores/index.js'
