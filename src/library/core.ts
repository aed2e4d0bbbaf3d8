// Library functions for the core cmdlets; see src/index.ts. Each returns a Pipeline typed from the
// cmdlet's definition: `importCsv({ path }).pipe(whereObject({ property: 'Email', like: '*@x.com' }))`.
import { cmdletFunction } from '../engine/index.js'
import { ConvertFromCsv } from '../../cmdlets/core/ConvertFrom-Csv.js'
import { ConvertFromJson } from '../../cmdlets/core/ConvertFrom-Json.js'
import { ConvertToCsv } from '../../cmdlets/core/ConvertTo-Csv.js'
import { ConvertToJson } from '../../cmdlets/core/ConvertTo-Json.js'
import { ExportCsv } from '../../cmdlets/core/Export-Csv.js'
import { ForEachObject } from '../../cmdlets/core/ForEach-Object.js'
import { FormatList } from '../../cmdlets/core/Format-List.js'
import { FormatTable } from '../../cmdlets/core/Format-Table.js'
import { GetCommand } from '../../cmdlets/core/Get-Command.js'
import { GetDate } from '../../cmdlets/core/Get-Date.js'
import { GetHelp } from '../../cmdlets/core/Get-Help.js'
import { GetMember } from '../../cmdlets/core/Get-Member.js'
import { GroupObject } from '../../cmdlets/core/Group-Object.js'
import { ImportCsv } from '../../cmdlets/core/Import-Csv.js'
import { MeasureObject } from '../../cmdlets/core/Measure-Object.js'
import { OutFile } from '../../cmdlets/core/Out-File.js'
import { OutNull } from '../../cmdlets/core/Out-Null.js'
import { OutString } from '../../cmdlets/core/Out-String.js'
import { SelectObject } from '../../cmdlets/core/Select-Object.js'
import { SortObject } from '../../cmdlets/core/Sort-Object.js'
import { TeeObject } from '../../cmdlets/core/Tee-Object.js'
import { WhereObject } from '../../cmdlets/core/Where-Object.js'
import { WriteError } from '../../cmdlets/core/Write-Error.js'
import { WriteHost } from '../../cmdlets/core/Write-Host.js'
import { WriteOutput } from '../../cmdlets/core/Write-Output.js'
import { WriteWarning } from '../../cmdlets/core/Write-Warning.js'

/** Where-Object: keeps the objects for which a condition (function or property comparison) holds. */
export const whereObject = cmdletFunction(WhereObject)
/** Select-Object: picks properties, or the first/last/unique objects; `first` stops upstream early. */
export const selectObject = cmdletFunction(SelectObject)
/** Sort-Object: sorts by properties or key functions, stable. */
export const sortObject = cmdletFunction(SortObject)
/** Group-Object: groups by property values into { Count, Name, Values, Group }. */
export const groupObject = cmdletFunction(GroupObject)
/** Measure-Object: count, and sum/average/maximum/minimum of properties. */
export const measureObject = cmdletFunction(MeasureObject)
/** ForEach-Object: runs a function per object, or reads one property (`memberName`). */
export const forEachObject = cmdletFunction(ForEachObject)
/** Tee-Object: passes objects on while saving them to a file or a session variable. */
export const teeObject = cmdletFunction(TeeObject)
/** Import-Csv: streams the rows of a CSV file as objects. */
export const importCsv = cmdletFunction(ImportCsv)
/** Export-Csv: writes objects to a CSV file as they arrive. */
export const exportCsv = cmdletFunction(ExportCsv)
/** ConvertTo-Csv: objects to CSV lines. */
export const convertToCsv = cmdletFunction(ConvertToCsv)
/** ConvertFrom-Csv: CSV lines to objects. */
export const convertFromCsv = cmdletFunction(ConvertFromCsv)
/** ConvertTo-Json: objects to one JSON string; warns when -Depth truncates. */
export const convertToJson = cmdletFunction(ConvertToJson)
/** ConvertFrom-Json: JSON text to objects (arrays enumerated). */
export const convertFromJson = cmdletFunction(ConvertFromJson)
/** Format-Table: objects to table lines. */
export const formatTableLines = cmdletFunction(FormatTable)
/** Format-List: objects to `Name : value` lines. */
export const formatListLines = cmdletFunction(FormatList)
/** Out-File: pipeline output to a UTF-8 text file. */
export const outFile = cmdletFunction(OutFile)
/** Out-String: pipeline output as the text the shell would show. */
export const outString = cmdletFunction(OutString)
/** Out-Null: discards output. */
export const outNull = cmdletFunction(OutNull)
/** Get-Command: lists the cmdlets. */
export const getCommand = cmdletFunction(GetCommand)
/** Get-Help: help text lines for a cmdlet. */
export const getHelp = cmdletFunction(GetHelp)
/** Get-Member: the properties of the input types. */
export const getMember = cmdletFunction(GetMember)
/** Write-Output: sends values down the pipeline. */
export const writeOutput = cmdletFunction(WriteOutput)
/** Write-Host: text for the user on the host's information stream. */
export const writeHost = cmdletFunction(WriteHost)
/** Write-Warning: writes a warning. */
export const writeWarning = cmdletFunction(WriteWarning)
/** Write-Error: writes a non-terminating error. */
export const writeError = cmdletFunction(WriteError)
/** Get-Date: now or a given date, optionally formatted. */
export const getDate = cmdletFunction(GetDate)

export { renderHelp, renderSyntax } from '../../cmdlets/core/help-text.js'
