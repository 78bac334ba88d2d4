/** Placeholder until the wall mode lands (being built). */
export function WallScreen() {
  return <main data-testid="wall-screen" />;
}
