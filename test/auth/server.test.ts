import { describe, expect, it } from 'vitest'
import { parseServer, isLoopbackHost } from '../../src/auth/index.js'
import { UsageError } from '../../src/engine/index.js'

describe('parseServer', () => {
  it.each([
    [undefined, 'https://console.cloud.vmware.com', 'console.cloud.vmware.com'],
    ['console.cloud.vmware.com', 'https://console.cloud.vmware.com', 'console.cloud.vmware.com'],
    ['csp.example.com:8443', 'https://csp.example.com:8443', 'csp.example.com:8443'],
    ['https://csp.example.com/', 'https://csp.example.com', 'csp.example.com'],
    ['http://127.0.0.1:8443', 'http://127.0.0.1:8443', '127.0.0.1:8443'],
    ['http://127.1.2.3', 'http://127.1.2.3', '127.1.2.3'],
    ['http://[::1]:9000', 'http://[::1]:9000', '[::1]:9000'],
    ['http://localhost:3000', 'http://localhost:3000', 'localhost:3000'],
  ])('%s -> %s', (input, baseUrl, server) => {
    expect(parseServer(input)).toMatchObject({ baseUrl, server })
  })

  it.each([
    ['http://example.com', /plain http is only allowed to loopback addresses/],
    ['http://10.0.0.1:80', /plain http is only allowed to loopback/],
    ['http://128.0.0.1', /plain http is only allowed to loopback/],
    ['ftp://example.com', /only https/],
    ['https://example.com/some/path', /without a path/],
    ['https://user:pw@example.com', /user name or password/],
    ['', /empty/],
  ])('%s is refused with a UsageError', (input, message) => {
    const attempt = () => parseServer(input)
    expect(attempt).toThrow(UsageError)
    expect(attempt).toThrow(message)
    try {
      attempt()
    } catch (error) {
      expect((error as UsageError).exitCode).toBe(2)
    }
  })

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '::1', '[::1]', 'localhost', 'LOCALHOST'].every(isLoopbackHost)).toBe(true)
    expect(['10.1.1.1', 'example.com', '::2', 'localhost.example.com'].some(isLoopbackHost)).toBe(false)
  })
})
