import { useId, type ReactNode, type Ref } from 'react';
import { PanelAsOf } from './PanelAsOf';

export interface WallPanelProps {
  title: string;
  /** Server time of the panel's figures (its "as of"), or null while there are none. */
  asOf: number | null;
  testId: string;
  className?: string;
  /** Beside the title (a count, a rank). */
  headExtra?: ReactNode;
  /** The body box: charts and lists measure it to fit exactly. */
  bodyRef?: Ref<HTMLDivElement>;
  /** `data-*` attributes of the panel (e.g. the spotlight's `data-region`). */
  data?: Record<`data-${string}`, string>;
  children: ReactNode;
}

/** One panel of the wall screen: title, its own "as of", and a body that never scrolls. */
export function WallPanel({ title, asOf, testId, className = '', headExtra, bodyRef, data, children }: WallPanelProps) {
  const headingId = useId();
  return (
    <section className={`wall-screen-panel ${className}`} aria-labelledby={headingId} data-testid={testId} {...data}>
      <div className="wall-screen-panel__head">
        <h2 id={headingId} className="wall-screen-panel__title">
          {title}
        </h2>
        {headExtra}
        <PanelAsOf at={asOf} />
      </div>
      <div ref={bodyRef} className="wall-screen-panel__body">
        {children}
      </div>
    </section>
  );
}
