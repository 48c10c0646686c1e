/**
 * The console badge can be dragged anywhere (it may sit on the very button the app needs) and keeps its place in
 * localStorage. Loaded on the badge's first press, or at start only when it was moved before. A press that moves
 * less than a few pixels stays a click (opens the console).
 */
const MARGIN = 8;
/** As inbox/panel.ts's BADGE_KEY (not imported: this chunk would then import the badge's). */
const BADGE_KEY = 'appwrite-emulator-badge';

function clamp(host: HTMLElement, x: number, y: number) {
  const { width, height } = host.getBoundingClientRect();
  return {
    x: Math.round(Math.min(Math.max(MARGIN, x), innerWidth - width - MARGIN)),
    y: Math.round(Math.min(Math.max(MARGIN, y), innerHeight - height - MARGIN)),
  };
}

const STYLE = ':host([data-moved]){right:auto!important;bottom:auto!important;left:var(--x)!important;top:var(--y)!important}';

function put(host: HTMLElement, x: number, y: number) {
  const root = host.shadowRoot!;
  if (!root.querySelector('style[data-move]')) {
    const style = document.createElement('style');
    style.dataset.move = '';
    style.textContent = STYLE;
    root.append(style);
  }
  const at = clamp(host, x, y);
  host.style.setProperty('--x', `${at.x}px`);
  host.style.setProperty('--y', `${at.y}px`);
  host.dataset.moved = '';
  return at;
}

/** Puts the badge where it was left (kept inside the window, which may have shrunk since). */
export function placeBadge(host: HTMLElement): void {
  try {
    const saved = JSON.parse(localStorage.getItem(BADGE_KEY) ?? 'null') as { x?: unknown; y?: unknown } | null;
    if (typeof saved?.x === 'number' && typeof saved.y === 'number') put(host, saved.x, saved.y);
  } catch { /* unreadable: the default corner */ }
}

/** Back to the default corner (Settings). */
export function resetBadge(host: HTMLElement): void {
  host.style.removeProperty('--x');
  host.style.removeProperty('--y');
  delete host.dataset.moved;
  try {
    localStorage.removeItem(BADGE_KEY);
  } catch { /* nothing stored */ }
}

export function dragBadge(host: HTMLElement, root: ShadowRoot, badge: HTMLElement, down: PointerEvent): void {
  if (down.button !== 0) return;
  const start = host.getBoundingClientRect();
  const dx = down.clientX - start.left;
  const dy = down.clientY - start.top;
  let moved = false;
  let at = { x: start.left, y: start.top };
  try {
    badge.setPointerCapture(down.pointerId);
  } catch {
    return; // released before this code loaded: a plain click
  }
  const onMove = (event: PointerEvent) => {
    if (!moved && Math.hypot(event.clientX - down.clientX, event.clientY - down.clientY) < 6) return;
    moved = true;
    at = put(host, event.clientX - dx, event.clientY - dy);
  };
  const onUp = () => {
    badge.removeEventListener('pointermove', onMove);
    badge.removeEventListener('pointerup', onUp);
    badge.removeEventListener('pointercancel', onUp);
    if (!moved) return;
    // The click that ends a drag must not open the console.
    const swallow = (event: Event) => event.stopPropagation();
    root.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => root.removeEventListener('click', swallow, { capture: true }), 0);
    try {
      localStorage.setItem(BADGE_KEY, JSON.stringify(at));
    } catch { /* storage blocked: the place lasts until reload */ }
  };
  badge.addEventListener('pointermove', onMove);
  badge.addEventListener('pointerup', onUp);
  badge.addEventListener('pointercancel', onUp);
}
