import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

// One config for the client build and for the test projects.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  // Brotli and gzip copies beside each text file; the server sends the one the browser accepts.
  plugins: [compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Phaser alone is ~1.4 MB minified; it sits in its own long-cached chunk.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        // Phaser is large and changes rarely: keep it in its own cacheable chunk.
        manualChunks: (id: string) => (id.includes('node_modules/phaser') ? 'phaser' : undefined),
      },
    },
  },
  server: {
    // The client imports the bundled scenarios from ../scenarios.
    fs: { allow: ['..'] },
    proxy: { '/socket.io': { target: 'http://localhost:8080', ws: true }, '/api': 'http://localhost:8080', '/drills': 'http://localhost:8080' },
  },
  test: {
    root: '.',
    projects: [
      // Everything but the server and browser projects' folders: pure code, no server, no browser.
      { extends: true, test: { name: 'engine', root: '.', testTimeout: 120_000, include: ['test/**/*.test.ts'], exclude: ['test/server/**', 'test/e2e/**', '**/node_modules/**'] } },
      { extends: true, test: { name: 'server', root: '.', include: ['test/server/**/*.test.ts'], testTimeout: 30_000, globalSetup: ['test/server/global-setup.ts'] } },
      { extends: true, test: { name: 'browser', root: '.', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false, globalSetup: ['test/e2e/global-setup.ts'] } },
    ],
  },
});
