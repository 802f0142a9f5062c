// Reads the project's TypeScript sources with the compiler's parser: what each file imports and
// how long its functions are, for the layout test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');

export interface SourceFile {
  /** Path from the repository root, with forward slashes ("src/search/index.ts"). */
  file: string;
  lines: number;
  /** Module specifiers as written. */
  imports: string[];
  /** Project files it imports, resolved like `file` (relative specifiers only). */
  localImports: string[];
  functions: { name: string; line: number; lines: number }[];
}

/** Every .ts file under `dirs` (relative to the repository root), parsed. */
export function readSources(dirs: readonly string[]): SourceFile[] {
  return dirs.flatMap((dir) => listTs(path.join(ROOT, dir))).map(readSource);
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listTs(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function readSource(full: string): SourceFile {
  const text = readFileSync(full, 'utf8');
  const source = ts.createSourceFile(full, text, ts.ScriptTarget.Latest, true);
  const file = path.relative(ROOT, full).split(path.sep).join('/');
  const imports: string[] = [];
  const functions: SourceFile['functions'] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      imports.push(node.moduleSpecifier.text);
    }
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
      const start = line(node.getStart(source));
      functions.push({ name: nameOf(node), line: start + 1, lines: line(node.getEnd()) - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const localImports = imports.filter((s) => s.startsWith('.')).map((s) => resolveLocal(file, s));
  return { file, lines: text.trimEnd().split('\n').length, imports, localImports, functions };
}

function nameOf(node: ts.SignatureDeclaration): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

/** The file a relative import names: `x.ts`, or `x/index.ts` for a folder ("./gen"). */
function resolveLocal(file: string, specifier: string): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  if (joined.endsWith('.ts')) return joined;
  return existsSync(path.join(ROOT, `${joined}.ts`)) ? `${joined}.ts` : `${joined}/index.ts`;
}

/** The folder a file belongs to for the folder graph ("src/search"; a loose file is its own node). */
export function folderOf(file: string): string {
  const folder = path.posix.dirname(file);
  return folder === 'src' ? file : folder;
}

/** The cycles of a directed graph, each as its nodes in order (one per strongly connected component). */
export function cyclesOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  // Tarjan's algorithm: a component of more than one node, or a node with a self-loop, is a cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || edges.get(node)?.has(node)) cycles.push(component.reverse());
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return cycles;
}
