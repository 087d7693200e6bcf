/**
 * The `cryo` subcommands by name, the one place a command is registered: main.ts dispatches
 * through this table, and no command imports main.ts or this file back (tests/cli/input-error.test.ts
 * checks the import graph). Every command has the same signature (io.ts) and reports bad input by
 * throwing ScenarioInputError (scenarios/input-error.ts) or UsageError (args.ts).
 */
import { calibrateCommand } from './calibrate-command.ts';
import { compareCommand } from './compare-command.ts';
import { ensembleCommand } from './ensemble-command.ts';
import { optimiseCommand } from './optimise-command.ts';
import type { Command } from './io.ts';
import { listText } from './list.ts';
import { runCommand, validateCommand } from './run-command.ts';
import { sweepCommand } from './sweep-command.ts';
import { traceCommand } from './trace-command.ts';

export const COMMANDS: Readonly<Record<string, Command>> = {
  run: runCommand,
  validate: validateCommand,
  compare: compareCommand,
  list: (_argv, io) => {
    io.out.write(listText());
    return 0;
  },
  sweep: sweepCommand,
  ensemble: ensembleCommand,
  optimise: optimiseCommand,
  calibrate: calibrateCommand,
  trace: traceCommand,
};
