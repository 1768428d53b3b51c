import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs on :3000 (pnpm dev at the root); in production the server
// serves this build from web/dist on its own port.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } } },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // The public tracking page (/t/<token>) is its own light entry: no React, MapLibre on demand.
    rollupOptions: { input: { main: 'index.html', track: 'track.html' } },
  },
});
