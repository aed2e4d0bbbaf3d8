// Ink draws only its final frame when it believes it runs in CI (is-in-ci reads $CI and
// $CONTINUOUS_INTEGRATION when Ink is imported), and chalk drops every style, the cursor's inverse
// video included, when $CI merely exists. The shell is interactive whenever it has a terminal,
// whatever those say, so this module, imported before Ink, removes them from its own environment.
if (process.stdin.isTTY && process.stdout.isTTY) {
  delete process.env.CI
  delete process.env.CONTINUOUS_INTEGRATION
}

export {}
