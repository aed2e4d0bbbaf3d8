// Just enough X.509 to issue a CA and a server certificate with node:crypto: a DER encoder for the
// handful of ASN.1 types a certificate needs, and ECDSA P-256 signatures. It keeps `--tls` free of
// an openssl binary and of new dependencies, so the client's https path is tested on any machine.
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { isIP } from 'node:net'

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size])
  const bytes: number[] = []
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content])
}

const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items))
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items))
const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 + tagNumber, content)
const octetString = (content: Buffer) => tlv(0x04, content)
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'))
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]))

function bitString(content: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]))
}

function integer(bytes: Buffer): Buffer {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1] < 0x80) start++
  const trimmed = bytes.subarray(start)
  return tlv(0x02, trimmed[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed)
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const value of rest) {
    const chunk: number[] = [value & 0x7f]
    for (let remaining = value >>> 7; remaining > 0; remaining >>>= 7)
      chunk.unshift(0x80 | (remaining & 0x7f))
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

function time(date: Date): Buffer {
  // UTCTime up to 2049, GeneralizedTime after, as RFC 5280 requires.
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`))
}

const name = (commonName: string) => sequence(set(sequence(oid('2.5.4.3'), utf8(commonName))))
const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'))

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value))
}

function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest()
}

/** A certificate and its private key, PEM encoded. */
export interface IssuedCertificate {
  certPem: string
  keyPem: string
  privateKey: KeyObject
  publicKey: KeyObject
  subject: string
}

interface CertificateRequest {
  subject: string
  publicKey: KeyObject
  issuer: { subject: string; privateKey: KeyObject; publicKey: KeyObject }
  isCa: boolean
  hosts: string[]
  days: number
}

function certificate(request: CertificateRequest): string {
  const notBefore = new Date(Date.now() - 60 * 60 * 1000)
  const notAfter = new Date(Date.now() + request.days * 86_400_000)
  const extensions = request.isCa
    ? [
        extension('2.5.29.19', true, sequence(boolean(true))),
        // keyUsage: digitalSignature, keyCertSign, cRLSign
        extension('2.5.29.15', true, bitString(Buffer.from([0x86]), 1)),
      ]
    : [
        extension('2.5.29.19', true, sequence()),
        // keyUsage: digitalSignature
        extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension(
          '2.5.29.17',
          false,
          sequence(
            ...request.hosts.map((host) => {
              if (isIP(host) === 4) return tlv(0x87, Buffer.from(host.split('.').map(Number)))
              if (isIP(host) === 6) return tlv(0x87, ipv6Bytes(host))
              return tlv(0x82, Buffer.from(host, 'ascii'))
            }),
          ),
        ),
      ]
  extensions.push(extension('2.5.29.14', false, octetString(keyIdentifier(request.publicKey))))
  extensions.push(extension('2.5.29.35', false, sequence(tlv(0x80, keyIdentifier(request.issuer.publicKey)))))
  const serial = randomBytes(16)
  serial[0] &= 0x7f
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_WITH_SHA256,
    name(request.issuer.subject),
    sequence(time(notBefore), time(notAfter)),
    name(request.subject),
    request.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  )
  const signature = sign('sha256', tbs, request.issuer.privateKey)
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature))
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`
}

function ipv6Bytes(address: string): Buffer {
  const [head, tail = ''] = address.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left
  return Buffer.from(groups.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]))
}

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return { privateKey, publicKey: createPublicKey(privateKey) }
}

function issued(subject: string, keys: { privateKey: KeyObject; publicKey: KeyObject }, certPem: string) {
  const keyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  return { certPem, keyPem, subject, ...keys }
}

/** A self-signed CA, valid ten years. */
export function createCertificateAuthority(subject = 'vcs-shell CSP emulator CA'): IssuedCertificate {
  const keys = keyPair()
  const certPem = certificate({
    subject,
    publicKey: keys.publicKey,
    issuer: { subject, ...keys },
    isCa: true,
    hosts: [],
    days: 3650,
  })
  return issued(subject, keys, certPem)
}

/** A server certificate for `hosts` (names and IP addresses), signed by `ca`, valid a year. */
export function createServerCertificate(ca: IssuedCertificate, hosts: string[]): IssuedCertificate {
  const keys = keyPair()
  const subject = hosts[0] ?? 'localhost'
  const certPem = certificate({
    subject,
    publicKey: keys.publicKey,
    issuer: ca,
    isCa: false,
    hosts,
    days: 365,
  })
  return issued(subject, keys, certPem)
}
