import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { VERSION } from '../version.js';
import { askFlagSpecs, type AskOptions } from './ask-flags.js';
import type { RulesOptions } from './rules-command.js';
import { SCAN_FLAGS, type FlagSpec, type ScanOptions } from './scan-flags.js';
import { EXIT, UsageError } from '../errors.js';
import { stderrLine } from '../terminal-text.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Accepts the choices and their aliases, returning the choice; --help still lists the choices only. */
function choiceParser(choices: readonly string[], aliases: Readonly<Record<string, string>>) {
  return (value: string): string => {
    const choice = aliases[value] ?? value;
    if (!choices.includes(choice)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    return choice;
  };
}

export function addFlags(cmd: Command, flags: readonly FlagSpec[]): void {
  for (const spec of flags) {
    const opt = new Option(spec.flags, spec.description);
    if (spec.choices) opt.choices(spec.choices);
    if (spec.choices && spec.aliases) opt.argParser(choiceParser(spec.choices, spec.aliases));
    if (spec.repeatable) opt.argParser(collect);
    if (spec.defaultValue !== undefined) opt.default(spec.defaultValue);
    cmd.addOption(opt);
  }
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('rt-advisor')
    .description('Pick the right real-time transport, and keep WebSocket use honest in CI.')
    .version(VERSION, '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // commander's message, then its "(Did you mean …?)" line when it has one
      outputError: (str, write) =>
        write(
          str
            .trimEnd()
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => stderrLine(`rt-advisor: ${line.replace(/^error: /, '')}`))
            .join(''),
        ),
    });

  const scan = program
    .command('scan')
    .description('find WebSocket clients that only subscribe or ping (candidates for SSE)')
    .argument('[paths...]', 'files or folders to scan', ['.']);
  addFlags(scan, SCAN_FLAGS);
  scan.action(async (paths: string[], opts: ScanOptions) => {
    // Loaded on demand so `--help` and `ask` never pay for the scanner.
    const { runScan } = await import('./scan-command.js');
    setExit(await runScan(paths, opts));
  });

  const ask = program
    .command('ask')
    .description('recommend a real-time transport: asks what it needs, or takes flags / an answers file');
  addFlags(ask, askFlagSpecs());
  ask.action(async (opts: AskOptions) => {
    // Loaded on demand: the scanner never loads for `ask`, nor Inquirer for `scan` or `--help`.
    const { runAsk } = await import('./ask-command.js');
    setExit(await runAsk(opts));
  });

  const rules = program
    .command('rules')
    .description(
      "list the rules: id, default severity, what each finds and its page (and the config's setting, if one is found)",
    );
  rules.addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'));
  rules.addOption(
    new Option('-c, --config <path>', 'read this config file instead of the nearest rt-advisor.config.json'),
  );
  rules.addOption(new Option('--no-config', 'do not read any config file'));
  rules.action(async (opts: RulesOptions) => {
    const { runRules } = await import('./rules-command.js');
    setExit(runRules(opts));
  });

  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function run(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  program.commands.forEach((c) => c.exitOverride());
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are "errors" to commander; they exit 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(stderrLine(`rt-advisor: ${err.message}`));
      return EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(stderrLine(`rt-advisor: internal error: ${message}`));
    if (process.env.RT_ADVISOR_DEBUG || argv.includes('--debug'))
      process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    return EXIT.usage;
  }
}
