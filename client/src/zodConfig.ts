import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to; our CSP has no
// 'unsafe-eval', and even zod's feature probe would be reported as a violation. Must run
// before any schema is created, so main.tsx imports this module first.
z.config({ jitless: true });
