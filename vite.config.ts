import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Node 20 has no __dirname in ES modules; import.meta.dirname is the repository root here (stack.md pitfall 6).
const repoRoot = import.meta.dirname;
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: path.join(repoRoot, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.join(repoRoot, 'dist/web'),
    emptyOutDir: true,
    // antd + ECharts make one large vendor chunk; 1.5 MB is expected for a back-office app.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
    },
  },
});
