// Reads the cairo compiler's test-file format: cases separated by "//! > ====", sections "//! > name".
export function parseCairoTestFile(text: string): Record<string, string>[] {
  const cases: Record<string, string>[] = [];
  for (const chunk of text.split(/^\/\/! > =+$/m)) {
    const sections: Record<string, string> = {};
    let current: string | undefined;
    let lines: string[] = [];
    const flush = () => {
      if (current !== undefined) sections[current] = lines.join('\n').trim();
    };
    for (const line of chunk.split('\n')) {
      const m = /^\/\/! > (.*)$/.exec(line);
      if (m) {
        flush();
        current = m[1]!.trim();
        lines = [];
      } else lines.push(line);
    }
    flush();
    if (Object.keys(sections).length > 0) cases.push(sections);
  }
  return cases;
}
