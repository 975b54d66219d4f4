
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
            [CompletionResult]::new('repl', 'repl', [CompletionResultType]::ParameterValue, 'Connect this terminal to the board''s interactive REPL (exit with Ctrl-] or Ctrl-X)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;devs' {
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
        'upy;repl' {
            [CompletionResult]::new('--capture', '--capture', [CompletionResultType]::ParameterName, 'Record everything the board prints to FILE (created or truncated)')
            [CompletionResult]::new('--paste', '--paste', [CompletionResultType]::ParameterName, 'Send FILE through the board''s paste mode when connected; Ctrl-T sends it again')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run CODE on the board (through paste mode) before handing over the keyboard')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--no-reconnect', '--no-reconnect', [CompletionResultType]::ParameterName, 'Exit when the board disconnects instead of waiting for it to come back')
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
            [CompletionResult]::new('repl', 'repl', [CompletionResultType]::ParameterValue, 'Connect this terminal to the board''s interactive REPL (exit with Ctrl-] or Ctrl-X)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;help;devs' {
            break
        }
        'upy;help;completions' {
            break
        }
        'upy;help;repl' {
            break
        }
        'upy;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
