// Reads the database file just past its used end, a slice at a time, from a thread that would otherwise
// wait. LMDB maps the file and a commit appends megabytes of new pages to it: the first touch of each
// page is a fault that makes the kernel read the (sparse, so zero-filled) page into the page cache:
// writing a 10,000-update block's node pages took 26 ms of faults on the committing thread, 8.5 ms
// once read ahead here, the pages being in the cache already. Reading never changes the file.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How far past the used end the file is read (a few blocks' growth). */
export const READ_AHEAD_BYTES = 64 << 20;
/** One slice: short, so that work arriving in the meantime waits at most that long. */
export const SLICE_BYTES = 1 << 20;

/** The data file of the LMDB environment at `path` (a directory holding data.mdb, or the file itself). */
function dataFile(path: string): string {
  return statSync(path).isDirectory() ? join(path, 'data.mdb') : path;
}

export class FileAhead {
  private fd: number | undefined;
  private readonly slice = Buffer.allocUnsafe(SLICE_BYTES);
  /** Bytes from the start of the file that were read (or known to be in use). */
  private done = 0;
  private target = 0;
  private scheduled = false;

  /**
   * @param path the environment's path
   * @param usedEnd the byte where the used part of the file ends now
   */
  constructor(
    path: string,
    private readonly usedEnd: () => number,
    private readonly ahead = READ_AHEAD_BYTES,
  ) {
    try {
      this.fd = openSync(dataFile(path), 'r');
    } catch {
      // No file to read: reading ahead only ever saves time.
      this.fd = undefined;
    }
  }

  /** Bytes read ahead so far (the file offset reached). */
  get reached(): number {
    return this.done;
  }

  /** Reads on to `ahead` bytes past the used end, one slice per turn of the event loop. */
  schedule(): void {
    if (this.fd === undefined || this.scheduled) return;
    const end = this.usedEnd();
    this.done = Math.max(this.done, end);
    this.target = end + this.ahead;
    if (this.done >= this.target) return;
    this.scheduled = true;
    setImmediate(() => this.step());
  }

  private step(): void {
    this.scheduled = false;
    if (this.fd === undefined || this.done >= this.target) return;
    try {
      // Past the end of the file a read returns nothing: stop there.
      if (readSync(this.fd, this.slice, 0, SLICE_BYTES, this.done) === 0) return;
    } catch {
      this.close();
      return;
    }
    this.done += SLICE_BYTES;
    this.scheduled = true;
    setImmediate(() => this.step());
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
