import { Client } from 'appwrite';
import { startEmulator } from 'appwrite-emulator/browser';
import { followAccountEvents } from './account-events.js';
import { initApp } from './app.js';
import { layout } from './layout.js';
import { setEmulator } from './emulator-console.js';
import { handleIncomingLink } from './links.js';
import { resolveRoute } from './routes.js';
import { applyTheme } from './theme.js';
import { errorView } from './ui/feedback.js';
import { h, replace } from './ui/h.js';
import './styles.css';

const root = document.getElementById('app')!;
// The folder the demo is served from: `${location.origin}/` at a site's root, deeper on a static host's subfolder.
const APP_BASE = new URL('./', location.href);
// The API lives under the app's folder so the service worker's scope covers it (OAuth2 navigations included).
const ENDPOINT = new URL('v1', APP_BASE).href;

function render(): void {
  const state = initialised!;
  followAccountEvents(state.client, state.user?.$id ?? null);
  const [name, route] = resolveRoute(location.hash, Boolean(state.user), state.pendingMfa);
  if (location.hash !== `#/${name}`) history.replaceState(null, '', `#/${name}`);
  const hadFocus = root.contains(document.activeElement) || document.activeElement === document.body;
  replace(root, layout(name, route, route.view()));
  document.title = `${route.title} · Emulator Demo`;
  // Announce the new screen to assistive tech by moving focus to its heading (not on first paint).
  if (booted && hadFocus) document.getElementById('view-title')?.focus();
}

let initialised: ReturnType<typeof initApp> | null = null;
let booted = false;

async function boot(): Promise<void> {
  applyTheme();
  replace(root, h('p', { class: 'boot', role: 'status' }, 'Starting the Appwrite emulator…'));
  try {
    // Requests made before the worker is ready would go to the real network: start it first.
    setEmulator(await startEmulator({
      projectId: 'demo',
      projectName: 'Emulator Demo',
      endpoint: ENDPOINT,
      exposeForTests: true,
      // Served next to index.html (the Vite plugin emits it there), so the demo works from any folder.
      workerUrl: new URL('appwrite-emulator-worker.js', APP_BASE).pathname,
      // The built demo is a deliberate emulator deployment: nothing in it talks to a real Appwrite.
      allowInProduction: true,
    }));
  } catch (error) {
    replace(root, h('div', { class: 'boot', role: 'alert' },
      h('h1', null, 'The emulator could not start'),
      h('p', null, error instanceof Error ? error.message : String(error)),
      h('p', { class: 'muted' }, 'It runs in a service worker: open the demo over https:// or http://localhost, in a browser that allows service workers.')));
    return;
  }
  const client = new Client().setEndpoint(ENDPOINT).setProject('demo');
  const state = (initialised = initApp(client, render));
  try {
    await state.refresh();
  } catch (error) {
    state.flash(errorView(error));
  }
  const route = await handleIncomingLink();
  if (route) history.replaceState(null, '', `${location.pathname}${location.search}#/${route}`);
  render();
  booted = true;
  addEventListener('hashchange', render);
  // Another tab signed in or out (the SDK keeps its session in localStorage): follow it.
  addEventListener('storage', async (event) => {
    if (event.key !== 'cookieFallback') return;
    await state.refresh();
    render();
  });
}

void boot();
