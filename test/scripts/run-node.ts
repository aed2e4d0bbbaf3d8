// Runs a Node script to completion for the smoke tests of the benchmark and soak runners, killing it
// after a deadline so a hang fails the test instead of stalling the suite.
import { spawn } from 'node:child_process'

/** Exit code (null when killed) and stderr of `node <args>`. */
export function runNode(
  args: string[],
  deadlineMs: number,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, stderr })
    })
  })
}
