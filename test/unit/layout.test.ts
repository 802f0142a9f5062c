// The layout the code is kept to: layers as folders without cycles between them, a core free of
// the Bot Framework, and files and functions short enough to read in one go.
import { describe, expect, it } from 'vitest';
import { cyclesOf, folderOf, readSources, type SourceFile } from '../support/source-layout';

const sources = readSources(['src', 'dialogs']);
const CORE = ['src/search', 'src/knowledge', 'src/faq', 'src/flows'];
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;

function graph(nodeOf: (file: string) => string, files: readonly SourceFile[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const source of files) {
    const from = nodeOf(source.file);
    const targets = edges.get(from) ?? new Set<string>();
    edges.set(from, targets);
    for (const imported of source.localImports) if (nodeOf(imported) !== from) targets.add(nodeOf(imported));
  }
  return edges;
}

describe('source layout', () => {
  it('reads the sources it checks', () => {
    // Guards the checks below against passing on an empty or wrongly rooted list.
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.find((s) => s.file === 'src/search/index.ts')?.localImports).toContain('src/search/analyzer.ts');
    // Every relative import names a file that was read, a folder's import included ("./gen").
    const read = new Set(sources.map((s) => s.file));
    expect(sources.flatMap((s) => s.localImports.filter((i) => !read.has(i)).map((i) => `${s.file} -> ${i}`))).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cyclesOf(graph((file) => file, sources))).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    expect(cyclesOf(graph(folderOf, sources))).toEqual([]);
  });

  it('keeps at most three files loose in src/', () => {
    expect(sources.filter((s) => s.file.split('/').length === 2 && s.file.startsWith('src/')).length).toBeLessThanOrEqual(3);
  });

  it('keeps botbuilder out of the core', () => {
    const offenders = sources
      .filter((s) => CORE.includes(folderOf(s.file)))
      .flatMap((s) => s.imports.filter((i) => /^(botbuilder|botframework-)/.test(i)).map((i) => `${s.file} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('keeps the dialogs on the core port, not on the bot', () => {
    const offenders = sources.filter((s) => s.file.startsWith('dialogs/') && s.localImports.some((i) => i.startsWith('src/bots/')));
    expect(offenders.map((s) => s.file)).toEqual([]);
  });

  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    expect(sources.filter((s) => s.lines > MAX_FILE_LINES).map((s) => `${s.file}: ${s.lines}`)).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = sources.flatMap((s) =>
      s.functions.filter((f) => f.lines > MAX_FUNCTION_LINES).map((f) => `${s.file}:${f.line} ${f.name}: ${f.lines}`),
    );
    expect(long).toEqual([]);
  });
});
