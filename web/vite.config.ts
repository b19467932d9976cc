import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The staff console: a static single-page app. `npm start` builds it into web/dist and the local
 * API server serves it on the API's origin; on AWS it is uploaded to S3 behind CloudFront.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
