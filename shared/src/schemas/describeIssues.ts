import type { z } from 'zod';

/**
 * One line per problem, naming the field: "data.channel: missing",
 * "region: unknown region KZ-99". Used for dead-letter reasons and API errors alike.
 * Parse with `{ reportInput: true }` so a missing field is told apart from a wrong one.
 */
export function describeIssues(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.join('.') || '(envelope)';
    const isMissing = 'input' in issue ? issue.input === undefined : / received undefined$/.test(issue.message);
    return `${path}: ${isMissing ? 'missing' : issue.message}`;
  });
  const more = error.issues.length > max ? ` (+${error.issues.length - max} more)` : '';
  return lines.join('; ') + more;
}
