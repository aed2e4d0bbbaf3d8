// The error record scripts see as `$_` in a catch block and in `$Error`: the engine's ErrorRecord plus
// the members PowerShell users reach for (`$_.Exception.Message`, `$_.InvocationInfo.ScriptLineNumber`).
import type { Session } from '../engine/context.js'
import { ErrorRecord } from '../engine/context.js'
import type { VcsError } from '../engine/errors.js'
import { getMember } from './members.js'

export class ScriptErrorRecord extends ErrorRecord {
  get Exception(): unknown {
    return getMember(this, 'Exception')
  }
  get FullyQualifiedErrorId(): string {
    return this.error.code
  }
  get InvocationInfo(): unknown {
    return getMember(this, 'InvocationInfo')
  }
  // Re-declared so that they are listed with the properties above (the engine lists one prototype).
  override get Message(): string {
    return super.Message
  }
  override get Code(): string {
    return super.Code
  }
  override get Category(): string {
    return super.Category
  }
  override get Hint(): string | undefined {
    return super.Hint
  }
  override get TargetObject(): unknown {
    return super.TargetObject
  }
}

/** The record already in $Error for this error, or a new one (recorded when `record` is set). */
export function errorRecordFor(
  session: Session,
  error: VcsError,
  options: { command?: string; record?: boolean } = {},
): ErrorRecord {
  const existing = session.errors.find((candidate) => candidate.error === error)
  if (existing) return existing
  const created = new ScriptErrorRecord(error, true, options.command, error.target)
  if (options.record) session.recordError(created)
  return created
}

/** True when the engine (or a statement before) already put this error in $Error. */
export function isRecorded(session: Session, error: VcsError): boolean {
  return session.errors.some((candidate) => candidate.error === error)
}
