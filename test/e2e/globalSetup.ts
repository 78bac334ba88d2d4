import { build } from 'vite';

/** Builds the client once (as `npm start` does) so the e2e servers serve the real bundle. */
export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
