import { build } from 'vite';

/**
 * Builds the client once (as `npm start` does) so the e2e servers serve the real bundle.
 * vitest sets NODE_ENV=test, which would give React's development build: the browser
 * tests must run what users run.
 */
export default async function setup(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
