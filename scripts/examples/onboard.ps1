<#
.SYNOPSIS
Onboards new hires from a CSV: checks each row, skips people who are already members or already
invited, invites the rest team by team, and writes a report.

.DESCRIPTION
The teams' organization roles and invitation lifetimes come from a JSON file read with jq. Every
row gets a status in the report: Invited, AddedDirectly, WouldInvite (with -DryRun), AlreadyMember,
AlreadyInvited, Invalid or Failed. A log of what happened is appended to -LogPath.

.PARAMETER Path
The CSV of new hires, with Email, FirstName, LastName and Team columns.

.EXAMPLE
vcs -File scripts/examples/onboard.ps1 -Path scripts/examples/new-hires.csv -DryRun
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $Path,
  [string] $ConfigPath = "$PSScriptRoot/onboard-teams.json",
  [string] $ReportPath = './onboard-report.csv',
  [string] $LogPath = './onboard.log',
  [switch] $DryRun
)

$ErrorActionPreference = 'Stop'

function Write-Log {
  param(
    [Parameter(Mandatory, ValueFromPipeline)] [string] $Message,
    [ValidateSet('INFO', 'WARN', 'ERROR')] [string] $Level = 'INFO'
  )
  process {
    "$(Get-Date -Format 'yyyy-MM-dd HH:mm:ss') [$Level] $Message" >> $LogPath
    if ($Level -ne 'INFO') { Write-Warning $Message }
  }
}

function Read-TeamConfig {
  param([Parameter(Mandatory)] [string] $File)
  if (-not (Test-Path $File -PathType Leaf)) { throw "No team configuration at $File." }
  # jq turns the JSON into name=role=days lines; PowerShell splits them.
  $lines = jq -r '.teams | to_entries[] | "\(.key)=\(.value.role)=\(.value.expiresInDays)"' $File
  if ($LASTEXITCODE -ne 0) { throw "jq could not read $File." }
  $teams = @{}
  foreach ($line in $lines) {
    $name, $role, $days = $line -split '='
    $teams[$name] = @{ OrganizationRole = $role; ExpiresInDays = [int]$days }
  }
  $default = jq -r '.defaultRole // "org_member"' $File
  @{ Teams = $teams; DefaultRole = $default }
}

function Get-HireKind([string] $Email) {
  switch -Wildcard ($Email) {
    '*@contractor.*' { 'Contractor' }
    '*@hires.example' { 'Employee' }
    default { 'External' }
  }
}

filter ConvertTo-NewHire {
  $email = "$($_.Email)".Trim().ToLower()
  $problem = switch -Regex ($email) {
    '^$' { 'no e-mail'; break }
    '\s' { 'spaces in the e-mail'; break }
    '^[^@]+@[^@]+\.[a-z]{2,}$' { $null; break }
    default { 'not an e-mail address' }
  }
  $team = "$($_.Team)".Trim().ToLower()
  [pscustomobject]@{
    Email = $email
    Name = "$($_.FirstName) $($_.LastName)".Trim()
    Team = $team ? $team : 'unassigned'
    Kind = Get-HireKind $email
    Status = $problem ? 'Invalid' : 'Pending'
    Problem = $problem ?? ''
  }
}

function Set-HireStatus {
  param(
    [Parameter(Mandatory, ValueFromPipeline)] $Hire,
    [Parameter(Mandatory)] [ValidateSet('Invited', 'AddedDirectly', 'WouldInvite', 'AlreadyMember', 'AlreadyInvited', 'Failed')] [string] $Status,
    [string] $Problem = ''
  )
  process {
    $Hire.Status = $Status
    if ($Problem) { $Hire.Problem = $Problem }
  }
}

function Invoke-TeamInvitation {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory)] [string] $Team,
    [Parameter(Mandatory)] [object[]] $Hires,
    [Parameter(Mandatory)] [hashtable] $Settings
  )
  $invitation = @{
    OrganizationRole = $Settings.OrganizationRole
    ExpiresInDays = $Settings.ExpiresInDays
    WhatIf = [bool]$DryRun
  }
  Write-Verbose "Inviting $($Hires.Count) hire(s) of $Team as $($invitation.OrganizationRole)"
  try {
    $created = @($Hires | Select-Object Email | New-VcsUserInvitation @invitation)
  } catch {
    "Team ${Team}: $($_.Exception.Message)" | Write-Log -Level ERROR
    $Hires | Set-HireStatus -Status Failed -Problem $_.Exception.Message
    return
  }
  $byEmail = @{}
  foreach ($item in $created) { $byEmail[$item.Email.ToLower()] = $item }
  foreach ($hire in $Hires) {
    $result = $byEmail[$hire.Email]
    $status = if ($DryRun) { 'WouldInvite' } elseif ($null -eq $result) { 'Failed' } elseif ($result.Status) { 'Invited' } else { 'AddedDirectly' }
    $hire | Set-HireStatus -Status $status
    "$($hire.Email): $status ($Team)" | Write-Log
  }
}

# ---- main ---------------------------------------------------------------------------------------

$jqVersion = jq --version 2>$null
if (-not $jqVersion) { throw 'This script needs jq on the PATH.' }
"Onboarding from $Path with $jqVersion$(if ($DryRun) { ' (dry run)' })" | Write-Log

$config = Read-TeamConfig -File $ConfigPath
$hires = @(Import-Csv $Path | ConvertTo-NewHire)
if ($hires.Count -eq 0) {
  'The CSV has no rows.' | Write-Log -Level WARN
  return
}

$members = @{}
Get-VcsUser | ForEach-Object { $members[$_.Email.ToLower()] = $true }
$pending = @{}
Get-VcsUserInvitation -Status Available | ForEach-Object { $pending[$_.Email.ToLower()] = $true }

:rows foreach ($hire in $hires) {
  switch ($hire.Status) {
    'Invalid' {
      "Row for '$($hire.Name)' skipped: $($hire.Problem)" | Write-Log -Level WARN
      continue rows
    }
  }
  if ($members.ContainsKey($hire.Email)) { $hire | Set-HireStatus -Status AlreadyMember }
  elseif ($pending.ContainsKey($hire.Email)) { $hire | Set-HireStatus -Status AlreadyInvited }
}

foreach ($group in ($hires | Where-Object Status -EQ 'Pending' | Group-Object Team)) {
  $settings = $config.Teams[$group.Name]
  if ($null -eq $settings) {
    "Team '$($group.Name)' is not in $ConfigPath; using $($config.DefaultRole)." | Write-Log -Level WARN
    $settings = @{ OrganizationRole = $config.DefaultRole; ExpiresInDays = 7 }
  }
  Invoke-TeamInvitation -Team $group.Name -Hires $group.Group -Settings $settings
}

$hires | Select-Object Email, Name, Team, Kind, Status, Problem | Export-Csv -Path $ReportPath -NoTypeInformation

$counts = @{}
foreach ($hire in $hires) { $counts[$hire.Status] = 1 + ($counts[$hire.Status] ?? 0) }
$summary = [pscustomobject]@{
  Rows = $hires.Count
  Invited = ($counts['Invited'] ?? 0) + ($counts['AddedDirectly'] ?? 0) + ($counts['WouldInvite'] ?? 0)
  Skipped = ($counts['AlreadyMember'] ?? 0) + ($counts['AlreadyInvited'] ?? 0)
  Invalid = $counts['Invalid'] ?? 0
  Failed = $counts['Failed'] ?? 0
}
# jq shapes the one-line JSON summary that schedulers parse.
$summary | ConvertTo-Json -Compress | jq -c '{rows: .Rows, invited: .Invited, skipped: .Skipped, invalid: .Invalid, failed: .Failed}'
"Done: $($summary.Invited) invited, $($summary.Skipped) skipped, $($summary.Invalid) invalid, $($summary.Failed) failed. Report: $ReportPath" | Write-Log
if ($summary.Failed -gt 0) { exit 1 }
