// The console runs under a CSP without 'unsafe-eval': zod must not probe `new Function` (the probe alone logs a CSP violation).
import { z } from 'zod';

z.config({ jitless: true });
