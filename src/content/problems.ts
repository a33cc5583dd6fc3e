/**
 * A content problem as a trainer reads it: the file, the line, the path inside the file and
 * what to do. Paths are kept as arrays so that the line can be looked up in the YAML source.
 */
import { LineCounter, type Document } from 'yaml';

export type PathSegment = string | number;

export interface ContentProblem {
  file: string;
  line?: number;
  path: PathSegment[];
  message: string;
  /**
   * A teaching-quality rule (issue 14: guessable dilemmas, word-meaning exercises from one side)
   * rather than a broken file: npm run validate fails on it, start-up only logs it.
   */
  quality?: true;
}

/** A parsed YAML file that can tell on which line a path starts. */
export interface SourceMap {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export function lineOf(source: SourceMap, path: PathSegment[]): number | undefined {
  // A missing key has no node of its own: report the line of the nearest parent that exists.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = source.doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return source.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export function problemAt(source: SourceMap, path: PathSegment[], message: string): ContentProblem {
  return { file: source.file, line: lineOf(source, path), path, message };
}

/** `perspectives.ambtenaar.moments[2].choices[0].label` */
export function formatPath(path: PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out || '(top level)';
}

export function formatProblem(problem: ContentProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}  ${formatPath(problem.path)}: ${problem.message}`;
}
