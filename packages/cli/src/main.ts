#!/usr/bin/env node
import { StarlingError } from '@starling/felt';
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  // Users get one clear line, with the typed error code when there is one; STARLING_DEBUG shows the stack.
  if (process.env.STARLING_DEBUG) console.error(error);
  else if (error instanceof StarlingError) console.error(`error (${error.code}): ${error.message}`);
  else console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
