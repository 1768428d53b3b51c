import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Served by the server under /driver/ (the dispatcher app has /). The service worker precaches
// the app shell; the day's route is kept in IndexedDB by the app itself (see src/outbox/store.ts),
// so it is there offline whatever the HTTP cache does.
export default defineConfig({
  base: '/driver/',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Tournée — Driver',
        short_name: 'Tournée',
        description: 'Your delivery route of the day, offline first.',
        lang: 'fr',
        start_url: '/driver/',
        scope: '/driver/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#155e75',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/driver/index.html',
        navigateFallbackAllowlist: [/^\/driver\//],
        clientsClaim: true,
        skipWaiting: true,
        // No cache of the day's API here: the app keeps its own copy (IndexedDB, with the driver's
        // taps applied). A network-first cache answered a slow server after 5 s with an older day.
      },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } } },
  build: { outDir: 'dist', sourcemap: true },
});
