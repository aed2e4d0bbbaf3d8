// Ink draws only its final frame when it believes it runs in CI (is-in-ci reads $CI and
// $CONTINUOUS_INTEGRATION when Ink is imported). The shell is interactive whenever it has a
// terminal, whatever those say, so this module, imported before Ink, says so first.
if (process.stdin.isTTY && process.stdout.isTTY) {
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
    if (process.env[name] !== undefined) process.env[name] = 'false'
  }
}

export {}
