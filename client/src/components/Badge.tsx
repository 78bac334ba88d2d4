import type { ReactNode } from 'react';

export type BadgeTone = 'quiet' | 'normal' | 'warning' | 'danger';

export interface BadgeProps {
  tone: BadgeTone;
  children: ReactNode;
}

/** A short label in a coloured box (priority, severity). */
export function Badge({ tone, children }: BadgeProps) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
