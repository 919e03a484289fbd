// Child process of the crash-safety test: commits blocks forever; reports each committed block on stdout.
import { StateDatabase } from '../../src/index.ts';
import { crashBlock } from './crash-blocks.ts';

const path = process.argv[2]!;
const db = StateDatabase.open({ path });
let n = (db.latestBlockNumber() ?? -1) + 1;
for (;;) {
  const block = n;
  // finalize runs just before the write transaction starts: the parent kills us during the write.
  db.commitBlock({
    ...crashBlock(n),
    finalize: () => {
      process.stdout.write(`writing ${block}\n`);
      return {};
    },
  });
  process.stdout.write(`committed ${n}\n`);
  n++;
}
