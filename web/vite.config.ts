import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * The staff console: a static single-page app, and the citizen's two small pages (trang-thai.html, the
 * case status; danh-gia.html, the survey), separate entries that load neither the console nor its login. `npm start` builds it into web/dist and the local
 * API server serves it on the API's origin; on AWS it is uploaded to S3 behind CloudFront.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { input: { console: page('index.html'), status: page('trang-thai.html'), survey: page('danh-gia.html') } },
  },
});
