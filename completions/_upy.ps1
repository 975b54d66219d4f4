
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'upy' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'upy'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'upy' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('devs', 'devs', [CompletionResultType]::ParameterValue, 'List serial ports, marking likely MicroPython boards')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL to stdout')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;devs' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Also list ports that are not USB devices (built-in UARTs such as /dev/ttyS0)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also list ports that are not USB devices (built-in UARTs such as /dev/ttyS0)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;completions' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;sync' {
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Do not send local files matching GLOB (gitignore syntax; repeatable)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Never delete board files matching GLOB (`dir/` keeps a folder; repeatable)')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'Optimisation level of --compile, as mpy-cross -O')
            [CompletionResult]::new('--optimize', '--optimize', [CompletionResultType]::ParameterName, 'Optimisation level of --compile, as mpy-cross -O')
            [CompletionResult]::new('--reload', '--reload', [CompletionResultType]::ParameterName, 'After each --watch sync: soft-reset (reboot, run main.py), reimport (re-run main.py), none')
            [CompletionResult]::new('--debounce', '--debounce', [CompletionResultType]::ParameterName, 'Milliseconds of quiet after a file event before --watch syncs (bursts of saves batch)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Remove board files under REMOTE that no longer exist locally')
            [CompletionResult]::new('--no-delete', '--no-delete', [CompletionResultType]::ParameterName, 'Leave board files that no longer exist locally (overrides upy.toml)')
            [CompletionResult]::new('--delete-kept', '--delete-kept', [CompletionResultType]::ParameterName, 'With --delete, also remove boot.py and files matched by the keep list')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Print the plan without changing the board')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan without changing the board')
            [CompletionResult]::new('--compile', '--compile', [CompletionResultType]::ParameterName, 'Compile .py files to .mpy before sending (main.py and boot.py stay source)')
            [CompletionResult]::new('--no-compile', '--no-compile', [CompletionResultType]::ParameterName, 'Send .py files as they are (overrides upy.toml)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Keep syncing on every local change and reload the code on the board')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep syncing on every local change and reload the code on the board')
            [CompletionResult]::new('--show-settings', '--show-settings', [CompletionResultType]::ParameterName, 'Print the resolved settings and stop')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;help' {
            [CompletionResult]::new('devs', 'devs', [CompletionResultType]::ParameterValue, 'List serial ports, marking likely MicroPython boards')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL to stdout')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;help;devs' {
            break
        }
        'upy;help;completions' {
            break
        }
        'upy;help;sync' {
            break
        }
        'upy;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
