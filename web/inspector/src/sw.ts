/// <reference lib="webworker" />
/** Caches the app shell so the form opens without a network; API calls always go to the network. */
const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = 'inspector-shell-v2';
const FILES = ['./', 'index.html', 'app.js', 'app.css', 'manifest.webmanifest', 'icon.svg', 'icon-192.png'];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(FILES))
      .then(() => sw.skipWaiting()),
  );
});
sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});
sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !url.pathname.startsWith('/inspector/')) return;
  // Network first, so a new version shows at once; the cached shell when offline.
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        const copy = response.clone();
        void caches.open(SHELL).then((cache) => cache.put(event.request, copy));
        return response;
      })
      .catch(() => caches.match(event.request).then((hit) => hit ?? (caches.match('index.html') as Promise<Response>))),
  );
});
