import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A failed panel is tried again after this long. */
export const PANEL_RETRY_MS = 15_000;

export interface PanelBoundaryProps {
  /** The panel's grid class, so the notice takes the panel's place. */
  className: string;
  children: ReactNode;
}

interface PanelBoundaryState {
  hasFailed: boolean;
}

function PanelFailed({ className }: { className: string }) {
  const { t } = useTranslation();
  return (
    <div className={`wall-screen-panel ${className}`} data-testid="wall-panel-failed">
      <p className="wall-screen-panel__empty">{t('wallScreen.panelFailed')}</p>
    </div>
  );
}

/**
 * Keeps one panel's failure (a bad value, a chart library error) from blanking the whole
 * wall, which runs unattended around the clock: the panel says so, and is rendered again
 * after PANEL_RETRY_MS. React logs the error itself.
 */
export class PanelBoundary extends Component<PanelBoundaryProps, PanelBoundaryState> {
  override state: PanelBoundaryState = { hasFailed: false };
  private retry: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): PanelBoundaryState {
    return { hasFailed: true };
  }

  override componentDidCatch(): void {
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.setState({ hasFailed: false });
    }, PANEL_RETRY_MS);
  }

  override componentWillUnmount(): void {
    if (this.retry !== null) clearTimeout(this.retry);
  }

  override render(): ReactNode {
    return this.state.hasFailed ? <PanelFailed className={this.props.className} /> : this.props.children;
  }
}
