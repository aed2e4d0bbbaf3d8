// Remove-VcsUserInvitation records its fates like the other mutating cmdlets: the stderr summary
// of a one-shot run says how many invitations were revoked (batched by username or one by one) and
// how many had nothing to revoke, and that is what the server shows.
import { describe, expect, it } from 'vitest'
import { emails, ledgerSuite, note, startCli, summaryOf, type Emulator } from './ledger-helpers.js'

const suite = ledgerSuite(120_000)

async function statuses(server: Emulator, pattern: string): Promise<string[]> {
  const result = await startCli(server, ['Get-VcsUserInvitation', '--email', pattern, '--output', 'json'])
    .done
  const text = result.stdout.trim()
  return text ? (JSON.parse(text) as Array<{ Status: string }>).map((i) => i.Status) : []
}

describe('Remove-VcsUserInvitation in the ledger', () => {
  it('30 pending invitations revoked in a batch: "Summary: 30 revoked.", 30 Revoked on the server', async () => {
    const server = await suite.start()
    const invite = await startCli(server, ['New-VcsUserInvitation'], {
      stdin: emails(30, 'revoke.example').join('\n'),
    }).done
    expect(invite.code, invite.stderr).toBe(0)
    const result = await startCli(server, [
      '-c',
      "Get-VcsUserInvitation -Email '*@revoke.example' | Remove-VcsUserInvitation",
    ]).done
    expect(result.code, result.stderr).toBe(0)
    expect(summaryOf(result.stderr)).toEqual({ revoked: 30 })
    const after = await statuses(server, '*@revoke.example')
    expect(after.filter((status) => status === 'Revoked')).toHaveLength(30)
    note('one-shot Remove-VcsUserInvitation of 30', {
      exit: result.code,
      summary: summaryOf(result.stderr),
      server: 30,
    })
  })

  it('an invitation already revoked is counted as nothing to do, not as revoked', async () => {
    const server = await suite.start()
    const result = await startCli(server, ['Remove-VcsUserInvitation', '--email', 'victor.hale@demo.example'])
      .done
    expect(result.stderr).toContain('already revoked; nothing to revoke')
    expect(summaryOf(result.stderr)).toEqual({ skipped: 1 })
  })
})
