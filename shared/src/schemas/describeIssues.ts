import type { z } from 'zod';

/**
 * One line per problem, naming the field: "data.channel: missing",
 * "region: unknown region KZ-99". Used for dead-letter reasons and API errors alike.
 * Parse with `{ reportInput: true }` so a missing field is told apart from a wrong one.
 */
export function describeIssues(error: z.ZodError, max = 5): string {
  const issues = error.issues.flatMap(specific);
  const lines = issues.slice(0, max).map((issue) => {
    const path = issue.path.join('.') || '(envelope)';
    const isMissing = 'input' in issue ? issue.input === undefined : / received undefined$/.test(issue.message);
    return `${path}: ${isMissing ? 'missing' : issue.message}`;
  });
  const more = issues.length > max ? ` (+${issues.length - max} more)` : '';
  return lines.join('; ') + more;
}

/**
 * A union that failed ("Invalid input") says nothing useful; the branch whose problems
 * lie deepest in the value is the one the sender meant (a list of regions with one bad
 * code, not the literal 'all').
 */
function specific(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((i) => i.path.length));
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })).flatMap(specific);
}
