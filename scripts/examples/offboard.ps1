# Offboards every user of an e-mail domain: lists them, then removes them (or shows what would be
# removed with -WhatIf). For a scheduled job:
#   VCS_SERVER=... VCS_API_TOKEN_FILE=... vcs -File scripts/examples/offboard.ps1 -Domain old.example
param(
  [Parameter(Mandatory)] [string] $Domain,
  [switch] $WhatIf
)

$users = @(Get-VcsUser -Email "*@$Domain")
"Found $($users.Count) user(s) in $Domain"
if ($users.Count -eq 0) { return }
$users | Select-Object Name, Email
if ($WhatIf) {
  $users | Remove-VcsUser -WhatIf
} else {
  $users | Remove-VcsUser -Confirm:$false
}
