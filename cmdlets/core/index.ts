// The everyday cmdlets (Where-Object, Select-Object, Import-Csv, Get-Help, ...), in Get-Command order:
// discovery first, then the pipeline verbs, then data conversion, formatting and output.
import type { AnyCmdlet } from '../../src/engine/index.js'
import { ClearHost } from './Clear-Host.js'
import { ConvertFromCsv } from './ConvertFrom-Csv.js'
import { ConvertFromJson } from './ConvertFrom-Json.js'
import { ConvertToCsv } from './ConvertTo-Csv.js'
import { ConvertToJson } from './ConvertTo-Json.js'
import { ExportCsv } from './Export-Csv.js'
import { ForEachObject } from './ForEach-Object.js'
import { FormatList } from './Format-List.js'
import { FormatTable } from './Format-Table.js'
import { GetCommand } from './Get-Command.js'
import { GetCulture } from './Get-Culture.js'
import { GetDate } from './Get-Date.js'
import { GetHelp } from './Get-Help.js'
import { GetMember } from './Get-Member.js'
import { GroupObject } from './Group-Object.js'
import { ImportCsv } from './Import-Csv.js'
import { MeasureObject } from './Measure-Object.js'
import { OutFile } from './Out-File.js'
import { OutNull } from './Out-Null.js'
import { OutString } from './Out-String.js'
import { SelectObject } from './Select-Object.js'
import { SortObject } from './Sort-Object.js'
import { TeeObject } from './Tee-Object.js'
import { WhereObject } from './Where-Object.js'
import { WriteError } from './Write-Error.js'
import { WriteHost } from './Write-Host.js'
import { WriteOutput } from './Write-Output.js'
import { WriteWarning } from './Write-Warning.js'
import { AddMember, NewObject } from './Add-Member.js'
import { CompareObject } from './Compare-Object.js'
import { GetAlias } from './Get-Alias.js'
import { GetChildItem } from './Get-ChildItem.js'
import { AddContent, GetContent, SetContent } from './Get-Content.js'
import { GetRandom, GetUnique, StartSleep } from './Get-Random.js'
import { CopyItem, NewItem, RemoveItem } from './New-Item.js'
import { ConvertFromSecureString, ConvertToSecureString, GetCredential, ReadHost } from './Read-Host.js'
import { SelectString } from './Select-String.js'
import { GetLocation, JoinPath, ResolvePath, SetLocation, SplitPath, TestPath } from './Test-Path.js'
import { WriteDebug, WriteInformation, WriteVerbose } from './Write-Verbose.js'
import { WriteProgress } from './Write-Progress.js'

export const coreCmdlets: AnyCmdlet[] = [
  GetCommand,
  GetHelp,
  GetAlias,
  GetMember,
  WhereObject,
  SelectObject,
  SortObject,
  GroupObject,
  MeasureObject,
  ForEachObject,
  TeeObject,
  CompareObject,
  GetUnique,
  SelectString,
  AddMember,
  NewObject,
  GetRandom,
  ImportCsv,
  ExportCsv,
  ConvertToCsv,
  ConvertFromCsv,
  ConvertToJson,
  ConvertFromJson,
  FormatTable,
  FormatList,
  OutFile,
  OutString,
  OutNull,
  WriteOutput,
  WriteHost,
  WriteWarning,
  WriteError,
  WriteVerbose,
  WriteDebug,
  WriteInformation,
  WriteProgress,
  ReadHost,
  ConvertToSecureString,
  ConvertFromSecureString,
  GetCredential,
  ClearHost,
  GetDate,
  GetCulture,
  StartSleep,
  GetLocation,
  SetLocation,
  GetChildItem,
  GetContent,
  SetContent,
  AddContent,
  TestPath,
  JoinPath,
  SplitPath,
  ResolvePath,
  NewItem,
  CopyItem,
  RemoveItem,
]
