import { Realtime, type Client, type RealtimeResponseEvent } from 'appwrite';
import { h, replace } from './ui/h.js';

/**
 * The "account events" strip: the realtime `account` channel (SDK 28's Realtime service), each event as it
 * arrives, newest first, from this tab and from every other tab of the demo (the emulators of an origin's tabs
 * pass their changes to each other). It lives outside the re-rendered app, so it keeps its list across screens.
 */
const MAX_SHOWN = 5;

let strip: HTMLElement | null = null;
let list: HTMLOListElement | null = null;
let following: string | null = null;
let subscription: Promise<{ close(): Promise<void> }> | null = null;

function mount(): HTMLOListElement {
  if (list) return list;
  list = h('ol', { class: 'account-events-list', 'aria-live': 'polite', 'data-testid': 'account-events' });
  strip = h('section', { class: 'account-events', 'aria-label': 'Account events' },
    h('h2', { class: 'account-events-title small' }, 'Account events'),
    list);
  document.body.append(strip);
  return list;
}

/** The most specific name of an event: Appwrite lists `users.<id>.update` before `users.<id>.update.prefs`. */
const nameOf = (event: RealtimeResponseEvent<unknown>) =>
  event.events.filter((e) => !e.includes('*')).sort((a, b) => b.split('.').length - a.split('.').length)[0] ?? event.events[0] ?? '';

function show(event: RealtimeResponseEvent<unknown>): void {
  const target = mount();
  const time = new Date(event.timestamp).toLocaleTimeString();
  target.prepend(h('li', { class: 'account-event' }, h('code', null, nameOf(event)), ' ', h('span', { class: 'muted small' }, time)));
  while (target.children.length > MAX_SHOWN) target.lastElementChild!.remove();
}

/**
 * Follows the signed-in user: subscribes once someone is signed in, and subscribes again (a new socket, signed
 * in with the new session) when the user changes; signed out, it closes the socket and empties the strip.
 */
export function followAccountEvents(client: Client, userId: string | null): void {
  if (userId === following) return;
  following = userId;
  const previous = subscription;
  subscription = null;
  void previous?.then((s) => s.close());
  if (!userId) {
    if (list) replace(list);
    strip?.setAttribute('hidden', '');
    return;
  }
  const target = mount();
  replace(target, h('li', { class: 'account-event muted small' }, 'Listening… change something here or in another tab.'));
  strip!.removeAttribute('hidden');
  let first = true;
  subscription = new Realtime(client).subscribe('account', (event) => {
    if (first) replace(target);
    first = false;
    show(event);
  });
}
