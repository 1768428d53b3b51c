import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles.css';

// Earlier versions' service worker kept the day's API answers (customers' names and addresses) in
// a cache of their own, which nothing reads any more: removed, so it does not linger on the phone.
if (typeof caches !== 'undefined') void caches.delete('driver-day').catch(() => {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
