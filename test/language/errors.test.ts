import { describe, expect, it } from 'vitest'
import { ErrorRecord, InterruptedError, RecordingHost, Session, VcsError } from '../../src/engine/index.js'
import { Interpreter } from '../../src/language/index.js'
import { failure, registry, run } from './helpers.js'

describe('statement-terminating errors', () => {
  it('a cmdlet error ends its statement, is reported with its position, and the script goes on', async () => {
    const { output, shown, interpreter, session } = await run("'before'\nGet-Failure 'it broke'; 'after'")
    expect(output).toEqual(['before', 'after'])
    expect(shown).toEqual(['it broke'])
    expect(interpreter.statementErrors.map((error) => error.message)).toEqual(['it broke'])
    const [record] = session.errors
    expect(record).toBeInstanceOf(ErrorRecord)
    expect(record).toMatchObject({ terminating: true, command: 'Get-Failure' })
    expect(record.error.position).toMatchObject({
      line: 2,
      column: 1,
      length: 11,
      lineText: "Get-Failure 'it broke'; 'after'",
    })
  })

  it('a bind error ends its statement and points at the parameter', async () => {
    const { output, interpreter } = await run("Get-Thing -Count lots; 'next'")
    expect(output).toEqual(['next'])
    const [error] = interpreter.statementErrors
    expect(error).toMatchObject({ code: 'InvalidParameterValue', position: { line: 1, column: 11 } })
    expect(error.message).toBe("Cannot bind -Count of Get-Thing: 'lots' is not a whole number.")
  })

  it('an unknown command says so and suggests the closest one', async () => {
    const { interpreter } = await run('Get-Thin')
    expect(interpreter.statementErrors[0]).toMatchObject({
      code: 'CommandNotFound',
      hint: 'Did you mean Get-Thing?',
      position: { line: 1, column: 1, length: 8 },
    })
  })

  it('an expression error points at the operator or member', async () => {
    const { interpreter } = await run('$x = 1\n$y = $x / 0')
    expect(interpreter.statementErrors[0]).toMatchObject({
      message: 'Attempted to divide by zero.',
      position: { line: 2, column: 9, lineText: '$y = $x / 0' },
    })
  })

  it('errors in a script block a cmdlet runs end that block statement only', async () => {
    const { output, shown } = await run(
      '1..2 | ForEach-Item { Get-Failure "failed $_"; "went on $_" }; \'end\'',
    )
    expect(output).toEqual(['went on 1', 'went on 2', 'end'])
    expect(shown).toEqual(['failed 1', 'failed 2'])
  })

  it('non-terminating errors are written and the statement goes on', async () => {
    const { output, shown, interpreter, session } = await run("Write-Problem; 'next'")
    expect(output).toEqual(['after the problem', 'next'])
    expect(shown).toEqual(['One record was not found.'])
    expect(interpreter.statementErrors).toEqual([])
    expect(session.errors[0].terminating).toBe(false)
  })

  it("$ErrorActionPreference = 'SilentlyContinue' hides them but keeps them in $Error", async () => {
    const { output, shown, session } = await run(
      "$ErrorActionPreference = 'SilentlyContinue'; Get-Failure 'quiet'; 'next'",
    )
    expect(output).toEqual(['next'])
    expect(shown).toEqual([])
    expect(session.errors[0].error.message).toBe('quiet')
  })
})

describe('script-terminating errors', () => {
  it('throw ends the script with a UserThrown error (exit code 1) at its position', async () => {
    const error = await failure("'before'\n  throw \"stop here\"\n'after'")
    expect(error).toBeInstanceOf(VcsError)
    expect(error).toMatchObject({
      code: 'UserThrown',
      exitCode: 1,
      message: 'stop here',
      position: { line: 2, column: 3 },
    })
  })

  it('the output before a throw has been streamed', async () => {
    const { interpreter } = await run('')
    const seen: unknown[] = []
    await expect(
      (async () => {
        for await (const value of interpreter.run("'one'; 'two'; throw 'three'")) seen.push(value)
      })(),
    ).rejects.toThrow('three')
    expect(seen).toEqual(['one', 'two'])
  })

  it("$ErrorActionPreference = 'Stop' makes the first statement error end the run", async () => {
    const { interpreter, session, host } = await run('')
    const outputs: unknown[] = []
    await expect(
      (async () => {
        for await (const value of interpreter.run(
          "$ErrorActionPreference = 'Stop'; 'a'; Get-Failure 'fatal'; 'b'",
        ))
          outputs.push(value)
      })(),
    ).rejects.toMatchObject({ message: 'fatal', position: { column: 39 } })
    expect(outputs).toEqual(['a'])
    expect(session.errors[0].error.message).toBe('fatal')
    expect(host.errors).toEqual([])
  })

  it('-ErrorAction Stop turns a non-terminating error into one that ends the script', async () => {
    const error = await failure("Write-Problem -ErrorAction Stop; 'never'")
    expect(error.message).toBe('One record was not found.')
  })

  it('a throw inside a script block run by a cmdlet ends the script', async () => {
    const { interpreter } = await run('')
    const seen: unknown[] = []
    await expect(
      (async () => {
        for await (const value of interpreter.run(
          "1..3 | ForEach-Item { if ($_ -eq 2) { throw 'two' }; $_ }; 'end'",
        ))
          seen.push(value)
      })(),
    ).rejects.toThrow('two')
    expect(seen).toEqual([1])
  })

  it('a library session (Stop by default) throws on the first error', async () => {
    const session = new Session({ host: new RecordingHost() })
    await expect(new Interpreter({ registry, session }).evaluate("Get-Failure 'x'; 'y'")).rejects.toThrow('x')
  })
})

describe('try / catch / finally', () => {
  it.each<[string, unknown[]]>([
    ["try { Get-Failure 'f' } catch { 'caught ' + $_.Exception.Message }", ['caught f']],
    ['try { throw \'thrown\' } catch { "caught $($_.Message)" }', ['caught thrown']],
    ['try { Get-Thing -Count x } catch { $_.Exception.Code }', ['InvalidParameterValue']],
    ['try { 1..3 | ForEach-Item { Get-Failure "in block $_" } } catch { $_.Message }', ['in block 1']],
    ["try { Write-Problem } catch { 'not caught' }", ['after the problem']],
    [
      "try { Write-Problem -ErrorAction Stop } catch { 'caught ' + $_.Exception.Message }",
      ['caught One record was not found.'],
    ],
    ["try { try { throw 'inner' } catch [UsageError] { 'wrong' } } catch { 'outer ' + $_ }", ['outer inner']],
    ["try { throw 'x' } catch { 'handled' } finally { 'finally' }; 'after'", ['handled', 'finally', 'after']],
    ['$r = try { 1 / 0 } catch { -1 }; $r', [-1]],
    [
      "try { Get-Failure 'f' } catch { $_.InvocationInfo.ScriptLineNumber; $_.CategoryInfo.Category }",
      [1, 'ConnectionError'],
    ],
  ])('%j', async (text, expected) => {
    const { output, interpreter } = await run(text)
    expect(output).toEqual(expected)
    expect(interpreter.statementErrors).toEqual([])
  })

  it('rethrows with a bare throw, keeping the original error', async () => {
    const error = await failure("try { Get-Failure 'original' } catch { 'logging'; throw }")
    expect(error).toMatchObject({ code: 'ServerError', message: 'original' })
  })

  it('an uncaught type propagates to the outer handler', async () => {
    const error = await failure("try { throw 'x' } catch [CommandNotFoundException] { 'no' }")
    expect(error.message).toBe('x')
  })
})

describe('ending a run', () => {
  it('exit ends the run normally and sets the exit code', async () => {
    const { output, interpreter } = await run("'a'; exit 4; 'b'")
    expect(output).toEqual(['a'])
    expect(interpreter.exitCode).toBe(4)
    expect((await run("'a'")).interpreter.exitCode).toBeUndefined()
  })

  it('exit inside a script block run by a cmdlet ends the whole run', async () => {
    const { output, interpreter } = await run("1..5 | ForEach-Item { if ($_ -eq 3) { exit 2 }; $_ }; 'never'")
    expect(output).toEqual([1, 2])
    expect(interpreter.exitCode).toBe(2)
  })

  it('stops promptly on Ctrl+C (the session signal) in a command', async () => {
    const session = new Session({ host: new RecordingHost(), errorActionPreference: 'Continue' })
    const interpreter = new Interpreter({ registry, session })
    setTimeout(() => session.abortController.abort(), 50)
    await expect(interpreter.evaluate("Get-Forever | ForEach-Item { $_ }; 'never'")).rejects.toBeInstanceOf(
      InterruptedError,
    )
  })

  it('stops promptly on Ctrl+C in a busy loop', async () => {
    const session = new Session({ host: new RecordingHost(), errorActionPreference: 'Continue' })
    const interpreter = new Interpreter({ registry, session })
    setTimeout(() => session.abortController.abort(), 50)
    // The loop never ends by itself: settling at all proves Ctrl+C stopped it.
    await expect(interpreter.evaluate('$i = 0; while ($true) { $i++ }')).rejects.toBeInstanceOf(
      InterruptedError,
    )
    // The next run starts afresh.
    expect(await interpreter.evaluate("'again'")).toEqual(['again'])
  })

  it('refuses runaway recursion', async () => {
    const { interpreter } = await run('$f = { & $f }; & $f')
    expect(interpreter.statementErrors[0].message).toBe('The script failed due to call depth overflow.')
  })

  it('reports errors inside script blocks as VcsErrors, never raw exceptions', async () => {
    const { interpreter, shown } = await run(
      "1 | ForEach-Item { $null.Boom() }; 'x' | ForEach-Item { [int]'abc' }",
    )
    expect(interpreter.statementErrors.every((error) => error instanceof VcsError)).toBe(true)
    expect(shown).toEqual([
      'You cannot call a method on a null-valued expression.',
      'Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format."',
    ])
  })
})
