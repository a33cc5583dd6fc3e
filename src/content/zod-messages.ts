/**
 * Turns zod issues into sentences a trainer can act on: what is wrong and what to do.
 * Custom messages from the schema are kept; zod's generic ones get a hint added.
 */
import type { z } from 'zod';
import type { PathSegment } from './problems';
import { QUOTE_HINT } from './variables';

type Issue = z.core.$ZodIssue;

export function describeIssue(issue: Issue): { path: PathSegment[]; message: string }[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown field "${key}": check the spelling or remove it`,
      }));
    case 'invalid_type': {
      // zod 4 leaves the input out of an issue; its message still says what it received.
      const received = issue.input !== undefined ? typeName(issue.input) : receivedIn(issue.message);
      if (received === undefined) {
        return [{ path, message: `is missing: add this field (${expected(issue.expected)})` }];
      }
      // `name: {{x}}` unquoted is YAML for a map: the likeliest way to get a map where a text belongs.
      return [{ path, message: `should be ${expected(issue.expected)}, not ${received}${issue.expected === 'string' && received === 'a map of fields' ? ` (${QUOTE_HINT})` : ''}` }];
    }
    case 'invalid_value':
      return [{ path, message: `should be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    case 'too_small':
    case 'too_big':
      return [{ path, message: issue.message.startsWith('Too') ? rangeHint(issue) : issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

function expected(type: string): string {
  const names: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a map of fields',
    record: 'a map of fields',
  };
  return names[type] ?? type;
}

/** "Invalid input: expected string, received object" → "a map of fields"; undefined when nothing was given. */
function receivedIn(message: string): string | undefined {
  const received = /received (\w+)/.exec(message)?.[1];
  if (!received || received === 'undefined') return undefined;
  const names: Record<string, string> = { object: 'a map of fields', array: 'a list', null: 'empty' };
  return names[received] ?? expected(received);
}

function typeName(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return expected(typeof value);
}

function rangeHint(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const more = issue.code === 'too_small';
  if (issue.origin === 'number' || issue.origin === 'int') {
    return more ? `must be at least ${bound}` : `must be at most ${bound}`;
  }
  if (issue.origin === 'array') return more ? `needs at least ${bound} items` : `allows at most ${bound} items`;
  return more ? `needs at least ${bound} characters` : `must be ${bound} characters or fewer`;
}
