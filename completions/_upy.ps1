
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
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('devs', 'devs', [CompletionResultType]::ParameterValue, 'List serial ports, marking likely MicroPython boards')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run Python code on the board, streaming its output')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Print the value of a Python expression evaluated on the board')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a local Python file on the board without copying it (Ctrl-C interrupts it)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a directory on the board')
            [CompletionResult]::new('tree', 'tree', [CompletionResultType]::ParameterValue, 'Show the board''s files as a tree')
            [CompletionResult]::new('cat', 'cat', [CompletionResultType]::ParameterValue, 'Print files from the board')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy files between this computer and the board (board paths start with `:`)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove files or directories on the board')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Rename or move a file or folder on the board')
            [CompletionResult]::new('touch', 'touch', [CompletionResultType]::ParameterValue, 'Create empty files on the board (existing files keep their content)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a board file in $VISUAL/$EDITOR; it is written back only if changed')
            [CompletionResult]::new('mkdir', 'mkdir', [CompletionResultType]::ParameterValue, 'Create directories on the board')
            [CompletionResult]::new('rmdir', 'rmdir', [CompletionResultType]::ParameterValue, 'Remove empty directories on the board')
            [CompletionResult]::new('df', 'df', [CompletionResultType]::ParameterValue, 'Show size and free space of the board''s filesystem')
            [CompletionResult]::new('sha256sum', 'sha256sum', [CompletionResultType]::ParameterValue, 'Print SHA-256 checksums of files on the board')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Restart the board (soft by default, --hard for machine.reset())')
            [CompletionResult]::new('soft-reset', 'soft-reset', [CompletionResultType]::ParameterValue, 'Clear the board''s interpreter and stay connected (boot.py runs, main.py does not)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Go on with the board as it is, without a reset (upy never resets on connecting)')
            [CompletionResult]::new('rtc', 'rtc', [CompletionResultType]::ParameterValue, 'Print the board''s clock; --set sets it from this computer''s local time')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the board''s firmware, .mpy format, memory, storage and optional modules')
            [CompletionResult]::new('repl', 'repl', [CompletionResultType]::ParameterValue, 'Connect this terminal to the board''s interactive REPL (exit with Ctrl-] or Ctrl-X)')
            [CompletionResult]::new('flash', 'flash', [CompletionResultType]::ParameterValue, 'Write MicroPython firmware to a board (ESP serial bootloader, UF2 or DAPLink drive, debug probe)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so')
            [CompletionResult]::new('romfs', 'romfs', [CompletionResultType]::ParameterValue, 'Build, inspect and deploy romfs images: read-only partitions of .mpy files run from flash')
            [CompletionResult]::new('mount', 'mount', [CompletionResultType]::ParameterValue, 'Let the board import and open files in a local folder (mounted at /remote), live')
            [CompletionResult]::new('mip', 'mip', [CompletionResultType]::ParameterValue, 'Install MicroPython packages (index, github:, URLs, local folders); `sync` installs upy.toml''s [dependencies]')
            [CompletionResult]::new('compile', 'compile', [CompletionResultType]::ParameterValue, 'Compile Python source files or directories to .mpy bytecode (as mpy-cross 1.29.0)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL to stdout')
            [CompletionResult]::new('firmware', 'firmware', [CompletionResultType]::ParameterValue, 'Board catalog and firmware cache: list boards, fetch official firmware, print paths, update boards, convert images')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;devs' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Also list ports that are not USB devices (built-in UARTs such as /dev/ttyS0)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also list ports that are not USB devices (built-in UARTs such as /dev/ttyS0)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;exec' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;eval' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;run' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;ls' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Long format: size in bytes before each name')
            [CompletionResult]::new('--long', '--long', [CompletionResultType]::ParameterName, 'Long format: size in bytes before each name')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'List subdirectories recursively, with paths relative to PATH')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'List subdirectories recursively, with paths relative to PATH')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;tree' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Show file sizes')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Show file sizes')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;cat' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;cp' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Copy directories and everything in them')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Copy directories and everything in them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;rm' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Remove directories and everything in them')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Remove directories and everything in them')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;mv' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;touch' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;edit' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;mkdir' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--parents', '--parents', [CompletionResultType]::ParameterName, 'Create missing parents too; an existing directory is not an error (`-p` is `--port`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;rmdir' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;df' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;sha256sum' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;reset' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--soft', '--soft', [CompletionResultType]::ParameterName, 'Soft reset (the default): restart the interpreter, keep the hardware; boot.py and main.py run')
            [CompletionResult]::new('--hard', '--hard', [CompletionResultType]::ParameterName, 'Hard reset with machine.reset(): like pressing the reset button (USB may re-enumerate)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;soft-reset' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;resume' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;rtc' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set the board''s clock to this computer''s local time first')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;info' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
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
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--no-reconnect', '--no-reconnect', [CompletionResultType]::ParameterName, 'Exit when the board disconnects instead of waiting for it to come back')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;flash' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Image to write (ESP .bin, .uf2, Intel .hex, ELF); default: the board''s official firmware')
            [CompletionResult]::new('--firmware', '--firmware', [CompletionResultType]::ParameterName, 'Image to write (ESP .bin, .uf2, Intel .hex, ELF); default: the board''s official firmware')
            [CompletionResult]::new('--board', '--board', [CompletionResultType]::ParameterName, 'Board id from `upy firmware list` (default: detected)')
            [CompletionResult]::new('--variant', '--variant', [CompletionResultType]::ParameterName, 'Board variant (SPIRAM, OTA, ...; default: the plain build, or what the running firmware says)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'MicroPython version of the official firmware (default: the board''s newest release)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Download from this folder instead of MicroPython''s (a mirror with the same file names)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'How to flash (default: from the image and what is attached)')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Flash address of an ESP image (default: 0x1000 on ESP32/S2, 0x0 on the others), or of a raw binary written through a debug probe')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'How to enter the ESP ROM bootloader: toggle DTR/RTS, or assume it is there already')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'What to do after writing (default: hard-reset; with --before no-reset, no-reset)')
            [CompletionResult]::new('--drive', '--drive', [CompletionResultType]::ParameterName, 'Folder of the UF2 or DAPLink drive (default: found among mounted drives)')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Flash through a debug probe (probe-rs); optionally VID:PID[:SERIAL] of the probe')
            [CompletionResult]::new('--chip', '--chip', [CompletionResultType]::ParameterName, 'Target chip for a debug probe (probe-rs name, e.g. RP2040, nRF52840_xxAA)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a drive to take the image')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--erase', '--erase', [CompletionResultType]::ParameterName, 'Erase the whole flash before writing (ESP)')
            [CompletionResult]::new('--bootloader', '--bootloader', [CompletionResultType]::ParameterName, 'Ask the running MicroPython to enter its bootloader first (machine.bootloader())')
            [CompletionResult]::new('--list-probes', '--list-probes', [CompletionResultType]::ParameterName, 'List connected debug probes and exit')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check image, target and layout, then stop before writing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'upy;sync' {
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Do not send local files matching GLOB (gitignore syntax; repeatable)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Never delete board files matching GLOB (`dir/` keeps a folder; repeatable)')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'Optimisation level of --compile, as mpy-cross -O')
            [CompletionResult]::new('--optimize', '--optimize', [CompletionResultType]::ParameterName, 'Optimisation level of --compile, as mpy-cross -O')
            [CompletionResult]::new('--reload', '--reload', [CompletionResultType]::ParameterName, 'After each --watch sync: soft-reset (reboot, run main.py), reimport (re-run main.py), none')
            [CompletionResult]::new('--debounce', '--debounce', [CompletionResultType]::ParameterName, 'Milliseconds of quiet after a file event before --watch syncs (bursts of saves batch)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Remove board files under REMOTE that no longer exist locally')
            [CompletionResult]::new('--no-delete', '--no-delete', [CompletionResultType]::ParameterName, 'Leave board files that no longer exist locally (overrides upy.toml)')
            [CompletionResult]::new('--delete-kept', '--delete-kept', [CompletionResultType]::ParameterName, 'With --delete, also remove boot.py and files matched by the keep list')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Print the plan without changing the board')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan without changing the board')
            [CompletionResult]::new('--compile', '--compile', [CompletionResultType]::ParameterName, 'Compile .py files to .mpy before sending (main.py and boot.py stay source)')
            [CompletionResult]::new('--no-compile', '--no-compile', [CompletionResultType]::ParameterName, 'Send .py files as they are (overrides upy.toml)')
            [CompletionResult]::new('--romfs', '--romfs', [CompletionResultType]::ParameterName, 'Deploy the code (.py compiled to .mpy, and .mpy) as a romfs image to the ROM partition mounted at /rom; sync the other files (and main.py, boot.py) to the filesystem')
            [CompletionResult]::new('--no-romfs', '--no-romfs', [CompletionResultType]::ParameterName, 'Sync the code to the filesystem as usual (overrides upy.toml)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Keep syncing on every local change and reload the code on the board')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep syncing on every local change and reload the code on the board')
            [CompletionResult]::new('--show-settings', '--show-settings', [CompletionResultType]::ParameterName, 'Print the resolved settings and stop')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;romfs' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a romfs image from a folder, compiling .py files to .mpy (as `mpremote romfs build`)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Show the board''s ROM partitions: size, erase block, the image and files in each, mounted or not')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Write a romfs image (or a folder, built first) to a ROM partition, verify it and mount it at /rom')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;romfs;build' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the image (default: DIR.romfs, as mpremote)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the image (default: DIR.romfs, as mpremote)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--mpy', '--mpy', [CompletionResultType]::ParameterName, 'Compile .py files to .mpy in the image (the default)')
            [CompletionResult]::new('--no-mpy', '--no-mpy', [CompletionResultType]::ParameterName, 'Store .py files as they are, uncompiled')
            [CompletionResult]::new('--ignore-files', '--ignore-files', [CompletionResultType]::ParameterName, 'Leave out what .gitignore and .upyignore files exclude, those files themselves and .git folders (the image then differs from mpremote''s, which takes every file)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;romfs;query' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;romfs;deploy' {
            [CompletionResult]::new('--partition', '--partition', [CompletionResultType]::ParameterName, 'The ROM partition to write (`upy romfs query` lists them; boards mount 0 at /rom)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--mpy', '--mpy', [CompletionResultType]::ParameterName, 'Compile .py files to .mpy in the image (the default)')
            [CompletionResult]::new('--no-mpy', '--no-mpy', [CompletionResultType]::ParameterName, 'Store .py files as they are, uncompiled')
            [CompletionResult]::new('--ignore-files', '--ignore-files', [CompletionResultType]::ParameterName, 'Leave out what .gitignore and .upyignore files exclude, those files themselves and .git folders (the image then differs from mpremote''s, which takes every file)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;romfs;help' {
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a romfs image from a folder, compiling .py files to .mpy (as `mpremote romfs build`)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Show the board''s ROM partitions: size, erase block, the image and files in each, mounted or not')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Write a romfs image (or a folder, built first) to a ROM partition, verify it and mount it at /rom')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;romfs;help;build' {
            break
        }
        'upy;romfs;help;query' {
            break
        }
        'upy;romfs;help;deploy' {
            break
        }
        'upy;romfs;help;help' {
            break
        }
        'upy;mount' {
            [CompletionResult]::new('--entry', '--entry', [CompletionResultType]::ParameterName, 'The module `--watch` runs')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--no-mpy', '--no-mpy', [CompletionResultType]::ParameterName, 'Serve .py modules as source (by default they are served as .mpy compiled on this computer for the board''s .mpy version)')
            [CompletionResult]::new('--unsafe-links', '--unsafe-links', [CompletionResultType]::ParameterName, 'Allow symlinks that point out of the folder')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Run the entry module and run it again (after a soft reset) on every change')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;mip' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install packages and their dependencies: index names, github:/gitlab: repos, URLs, local folders')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Install exactly upy.toml''s [dependencies], pinned in upy.lock, and print what changed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;mip;install' {
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Folder on the board to install into (default: the first `sys.path` entry ending in /lib)')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Package index base URL (default: micropython-lib''s, https://micropython.org/pi/v2)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--no-mpy', '--no-mpy', [CompletionResultType]::ParameterName, 'Take the .py sources from the index instead of files compiled for the board''s .mpy version')
            [CompletionResult]::new('--mpy', '--mpy', [CompletionResultType]::ParameterName, 'Take files compiled for the board''s .mpy version when the index has them (overrides upy.toml)')
            [CompletionResult]::new('--compile', '--compile', [CompletionResultType]::ParameterName, 'Compile the packages'' .py files to .mpy for the board before installing')
            [CompletionResult]::new('--no-compile', '--no-compile', [CompletionResultType]::ParameterName, 'Install .py files as they come (overrides upy.toml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;mip;sync' {
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Folder on the board to install into (default: the first `sys.path` entry ending in /lib)')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Package index base URL (default: micropython-lib''s, https://micropython.org/pi/v2)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--update', '--update', [CompletionResultType]::ParameterName, 'Resolve every dependency afresh (newest versions) instead of keeping upy.lock''s pins')
            [CompletionResult]::new('--no-mpy', '--no-mpy', [CompletionResultType]::ParameterName, 'Take the .py sources from the index instead of files compiled for the board''s .mpy version')
            [CompletionResult]::new('--mpy', '--mpy', [CompletionResultType]::ParameterName, 'Take files compiled for the board''s .mpy version when the index has them (overrides upy.toml)')
            [CompletionResult]::new('--compile', '--compile', [CompletionResultType]::ParameterName, 'Compile the packages'' .py files to .mpy for the board before installing')
            [CompletionResult]::new('--no-compile', '--no-compile', [CompletionResultType]::ParameterName, 'Install .py files as they come (overrides upy.toml)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;mip;help' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install packages and their dependencies: index names, github:/gitlab: repos, URLs, local folders')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Install exactly upy.toml''s [dependencies], pinned in upy.lock, and print what changed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;mip;help;install' {
            break
        }
        'upy;mip;help;sync' {
            break
        }
        'upy;mip;help;help' {
            break
        }
        'upy;compile' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output: a .mpy file for a single source file, otherwise a directory that mirrors the sources (default: next to each source)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Source file name stored in the .mpy (single source file only; default: the path given)')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'Optimisation level as mpy-cross''s -O0..-O3 (1+: no asserts, __debug__ false; 3: no line numbers)')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Target option: `-msmall-int-bits=N` (default 31), `-march=ARCH` (the target of functions decorated native/viper), `-march-flags=FLAGS` (rv32imc: zba, zcmp)')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Implementation option: `-X no-source-lines`, `-X source-lines`, `-X heapsize=N`, `-X emit=bytecode|native|viper` (native and viper need -march)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Number of files compiled at once (default: number of cores)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Number of files compiled at once (default: number of cores)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Accepted for mpy-cross command lines; has no effect')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
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
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'upy;firmware' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the boards MicroPython publishes firmware for (search by id, vendor, product, MCU)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Download a board''s official MicroPython firmware into the cache (SHA-256 recorded)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cached firmware file of a board (after checking its SHA-256)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Flash every connected board whose MicroPython is older than a release, keeping its variant')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert an image between .bin, .uf2 and .hex (format chosen by OUTPUT''s extension)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;firmware;list' {
            [CompletionResult]::new('--mp-port', '--mp-port', [CompletionResultType]::ParameterName, 'Only boards of this MicroPython port (esp32, esp8266, rp2, stm32, nrf, samd, mimxrt, renesas-ra, ...); `--port` is the serial port')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'upy;firmware;fetch' {
            [CompletionResult]::new('--variant', '--variant', [CompletionResultType]::ParameterName, 'Board variant (SPIRAM, OTA, ...; `upy firmware list` shows them); default: the plain build')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'MicroPython version (default: the board''s newest release)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Download from this folder instead of MicroPython''s (a mirror with the same file names)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Download again even when a verified copy is cached')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'upy;firmware;path' {
            [CompletionResult]::new('--variant', '--variant', [CompletionResultType]::ParameterName, 'Board variant (default: the plain build)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'MicroPython version (default: the board''s newest release)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'upy;firmware;update' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'The release to bring boards to (default: each board''s newest release)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Download from this folder instead of MicroPython''s (a mirror with the same file names)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be flashed, then stop')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'upy;firmware;convert' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'File to write; its extension picks the format: .uf2, .hex or .bin')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'File to write; its extension picks the format: .uf2, .hex or .bin')
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'UF2 family: a chip name (rp2040, rp2350, esp32s3, samd51, ...) or a hex id')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Address of a .bin''s first byte (default: 0x10000000 on RP2040/RP2350, the ESP offset for ESP images)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board; several (repeated or comma-separated, board and group names from upy.toml, `all` for every likely board) run the command on each board in parallel')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the serial link (USB-CDC boards ignore it)')
            [CompletionResult]::new('--reset-on-open', '--reset-on-open', [CompletionResultType]::ParameterName, 'Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit (ESP32/ESP8266); by default opening the port leaves a running board alone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors and the commands'' own output')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are already hidden when stderr is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'upy;firmware;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the boards MicroPython publishes firmware for (search by id, vendor, product, MCU)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Download a board''s official MicroPython firmware into the cache (SHA-256 recorded)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cached firmware file of a board (after checking its SHA-256)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Flash every connected board whose MicroPython is older than a release, keeping its variant')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert an image between .bin, .uf2 and .hex (format chosen by OUTPUT''s extension)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;firmware;help;list' {
            break
        }
        'upy;firmware;help;fetch' {
            break
        }
        'upy;firmware;help;path' {
            break
        }
        'upy;firmware;help;update' {
            break
        }
        'upy;firmware;help;convert' {
            break
        }
        'upy;firmware;help;help' {
            break
        }
        'upy;help' {
            [CompletionResult]::new('devs', 'devs', [CompletionResultType]::ParameterValue, 'List serial ports, marking likely MicroPython boards')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run Python code on the board, streaming its output')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Print the value of a Python expression evaluated on the board')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a local Python file on the board without copying it (Ctrl-C interrupts it)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a directory on the board')
            [CompletionResult]::new('tree', 'tree', [CompletionResultType]::ParameterValue, 'Show the board''s files as a tree')
            [CompletionResult]::new('cat', 'cat', [CompletionResultType]::ParameterValue, 'Print files from the board')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy files between this computer and the board (board paths start with `:`)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove files or directories on the board')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Rename or move a file or folder on the board')
            [CompletionResult]::new('touch', 'touch', [CompletionResultType]::ParameterValue, 'Create empty files on the board (existing files keep their content)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a board file in $VISUAL/$EDITOR; it is written back only if changed')
            [CompletionResult]::new('mkdir', 'mkdir', [CompletionResultType]::ParameterValue, 'Create directories on the board')
            [CompletionResult]::new('rmdir', 'rmdir', [CompletionResultType]::ParameterValue, 'Remove empty directories on the board')
            [CompletionResult]::new('df', 'df', [CompletionResultType]::ParameterValue, 'Show size and free space of the board''s filesystem')
            [CompletionResult]::new('sha256sum', 'sha256sum', [CompletionResultType]::ParameterValue, 'Print SHA-256 checksums of files on the board')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Restart the board (soft by default, --hard for machine.reset())')
            [CompletionResult]::new('soft-reset', 'soft-reset', [CompletionResultType]::ParameterValue, 'Clear the board''s interpreter and stay connected (boot.py runs, main.py does not)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Go on with the board as it is, without a reset (upy never resets on connecting)')
            [CompletionResult]::new('rtc', 'rtc', [CompletionResultType]::ParameterValue, 'Print the board''s clock; --set sets it from this computer''s local time')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the board''s firmware, .mpy format, memory, storage and optional modules')
            [CompletionResult]::new('repl', 'repl', [CompletionResultType]::ParameterValue, 'Connect this terminal to the board''s interactive REPL (exit with Ctrl-] or Ctrl-X)')
            [CompletionResult]::new('flash', 'flash', [CompletionResultType]::ParameterValue, 'Write MicroPython firmware to a board (ESP serial bootloader, UF2 or DAPLink drive, debug probe)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Mirror a local folder onto the board, sending only what changed; --watch keeps it so')
            [CompletionResult]::new('romfs', 'romfs', [CompletionResultType]::ParameterValue, 'Build, inspect and deploy romfs images: read-only partitions of .mpy files run from flash')
            [CompletionResult]::new('mount', 'mount', [CompletionResultType]::ParameterValue, 'Let the board import and open files in a local folder (mounted at /remote), live')
            [CompletionResult]::new('mip', 'mip', [CompletionResultType]::ParameterValue, 'Install MicroPython packages (index, github:, URLs, local folders); `sync` installs upy.toml''s [dependencies]')
            [CompletionResult]::new('compile', 'compile', [CompletionResultType]::ParameterValue, 'Compile Python source files or directories to .mpy bytecode (as mpy-cross 1.29.0)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL to stdout')
            [CompletionResult]::new('firmware', 'firmware', [CompletionResultType]::ParameterValue, 'Board catalog and firmware cache: list boards, fetch official firmware, print paths, update boards, convert images')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'upy;help;devs' {
            break
        }
        'upy;help;exec' {
            break
        }
        'upy;help;eval' {
            break
        }
        'upy;help;run' {
            break
        }
        'upy;help;ls' {
            break
        }
        'upy;help;tree' {
            break
        }
        'upy;help;cat' {
            break
        }
        'upy;help;cp' {
            break
        }
        'upy;help;rm' {
            break
        }
        'upy;help;mv' {
            break
        }
        'upy;help;touch' {
            break
        }
        'upy;help;edit' {
            break
        }
        'upy;help;mkdir' {
            break
        }
        'upy;help;rmdir' {
            break
        }
        'upy;help;df' {
            break
        }
        'upy;help;sha256sum' {
            break
        }
        'upy;help;reset' {
            break
        }
        'upy;help;soft-reset' {
            break
        }
        'upy;help;resume' {
            break
        }
        'upy;help;rtc' {
            break
        }
        'upy;help;info' {
            break
        }
        'upy;help;repl' {
            break
        }
        'upy;help;flash' {
            break
        }
        'upy;help;sync' {
            break
        }
        'upy;help;romfs' {
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a romfs image from a folder, compiling .py files to .mpy (as `mpremote romfs build`)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Show the board''s ROM partitions: size, erase block, the image and files in each, mounted or not')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Write a romfs image (or a folder, built first) to a ROM partition, verify it and mount it at /rom')
            break
        }
        'upy;help;romfs;build' {
            break
        }
        'upy;help;romfs;query' {
            break
        }
        'upy;help;romfs;deploy' {
            break
        }
        'upy;help;mount' {
            break
        }
        'upy;help;mip' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install packages and their dependencies: index names, github:/gitlab: repos, URLs, local folders')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Install exactly upy.toml''s [dependencies], pinned in upy.lock, and print what changed')
            break
        }
        'upy;help;mip;install' {
            break
        }
        'upy;help;mip;sync' {
            break
        }
        'upy;help;compile' {
            break
        }
        'upy;help;completions' {
            break
        }
        'upy;help;firmware' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the boards MicroPython publishes firmware for (search by id, vendor, product, MCU)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Download a board''s official MicroPython firmware into the cache (SHA-256 recorded)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cached firmware file of a board (after checking its SHA-256)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Flash every connected board whose MicroPython is older than a release, keeping its variant')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert an image between .bin, .uf2 and .hex (format chosen by OUTPUT''s extension)')
            break
        }
        'upy;help;firmware;list' {
            break
        }
        'upy;help;firmware;fetch' {
            break
        }
        'upy;help;firmware;path' {
            break
        }
        'upy;help;firmware;update' {
            break
        }
        'upy;help;firmware;convert' {
            break
        }
        'upy;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
