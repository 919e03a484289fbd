// Child process of the crash-safety test: commits blocks forever; reports each committed block on stdout.
import { StateDatabase } from '../../src/index.ts';
import { crashBlock } from './crash-blocks.ts';

const path = process.argv[2]!;
const db = StateDatabase.open({ path });
let n = (db.latestBlockNumber() ?? -1) + 1;
for (;;) {
  db.commitBlock(crashBlock(n));
  process.stdout.write(`committed ${n}\n`);
  n++;
}
