// RS256 JWTs with node:crypto, the way CSP signs its access tokens: `{alg:'RS256',typ:'JWT',kid}`
// headers, a JWKS to verify them, and a verifier that refuses anything else (alg none, HS256,
// unknown kid, bad signature, expired).
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, sign, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { JwtHeader, RsaJwk } from '../../wire/csp.js'

/** The serializable form of a signing key, kept in the store so tokens survive a restart. */
export interface StoredSigningKey {
  privateKeyPem: string
  kid: string
}

/** A signing key pair with its key id. */
export class SigningKey {
  readonly publicKey: KeyObject

  private constructor(
    private readonly privateKey: KeyObject,
    readonly kid: string,
  ) {
    this.publicKey = createPublicKey(privateKey)
  }

  /**
   * A new 2048-bit RSA key. The kid keeps CSP's `signing_<n>` look. Generated off the main thread:
   * it takes a few hundred milliseconds, which a seed can use meanwhile.
   */
  static async generate(): Promise<SigningKey> {
    const privateKey = await new Promise<KeyObject>((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048 }, (error, _publicKey, key) =>
        error ? reject(error) : resolve(key),
      ),
    )
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
    const kid = `signing_${createHash('sha256').update(spki).digest('hex').slice(0, 8)}`
    return new SigningKey(privateKey, kid)
  }

  /** The key stored by {@link toStored}. */
  static fromStored(stored: StoredSigningKey): SigningKey {
    return new SigningKey(createPrivateKey(stored.privateKeyPem), stored.kid)
  }

  toStored(): StoredSigningKey {
    return {
      privateKeyPem: this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      kid: this.kid,
    }
  }

  /** The public key as a JWK. */
  jwk(): RsaJwk {
    const jwk = this.publicKey.export({ format: 'jwk' }) as { n: string; e: string }
    return { kty: 'RSA', kid: this.kid, alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e }
  }

  /** The public key as PEM (the `value` of CSP's PublicKeyDto). */
  pem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  }

  /** A compact JWS of `claims`. */
  sign(claims: object): string {
    const header: JwtHeader = { alg: 'RS256', typ: 'JWT', kid: this.kid }
    const input = `${encode(header)}.${encode(claims)}`
    const signature = sign('RSA-SHA256', Buffer.from(input), this.privateKey)
    return `${input}.${signature.toString('base64url')}`
  }

  /**
   * The claims of a token this key signed, or the reason it is refused. The header must say RS256
   * and this kid: an `alg: none` or HMAC token never reaches signature checking.
   */
  verify(token: string): { claims: Record<string, unknown> } | { error: string } {
    const parts = token.split('.')
    if (parts.length !== 3) return { error: 'malformed token' }
    const [headerPart, claimsPart, signaturePart] = parts
    const header = decode(headerPart)
    if (!header || header.alg !== 'RS256') return { error: 'unsupported token algorithm' }
    if (header.kid !== undefined && header.kid !== this.kid) return { error: 'unknown signing key' }
    const valid = verify(
      'RSA-SHA256',
      Buffer.from(`${headerPart}.${claimsPart}`),
      this.publicKey,
      Buffer.from(signaturePart, 'base64url'),
    )
    if (!valid) return { error: 'invalid token signature' }
    const claims = decode(claimsPart)
    if (!claims) return { error: 'malformed token' }
    return { claims }
  }
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
