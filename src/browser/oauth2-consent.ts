/**
 * The emulated provider's consent screen, the page shown when a hop of the flow answers an error, and the notice
 * shown instead of following a non-web link (safe-navigation.ts). Framework-free custom elements with shadow roots (inline CSS, no assets, no network), keyboard usable, light
 * and dark. The consent screen says plainly that it is the emulator's stand-in: it never imitates the real
 * provider's look and asks for no password.
 */
import type { ConsentAccount, ConsentDecision, ConsentInfo } from './oauth2-flow.js';
import { REFUSED_LINK_MESSAGE, type FollowLinkOptions } from './safe-navigation.js';

const CONSENT_TAG = 'appwrite-emulator-oauth2-consent';
const ERROR_TAG = 'appwrite-emulator-oauth2-error';
const REFUSED_TAG = 'appwrite-emulator-refused-link';

const STYLE = `
:host{all:initial!important;position:fixed!important;inset:0!important;z-index:2147483647!important;display:block!important}
*{box-sizing:border-box}
.root{--bg:#fff;--fg:#1b1b1f;--muted:#5c5c66;--line:#dcdce2;--soft:#f3f3f6;--accent:#d6195a;--accent-fg:#fff;--danger:#b3261e;
 font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);color-scheme:light;
 position:absolute;inset:0;display:grid;place-items:center;padding:16px;overflow:auto;
 background:repeating-linear-gradient(135deg,#0000 0 14px,#00000008 14px 28px),#0009}
@media (prefers-color-scheme:dark){.root{--bg:#1d1d22;--fg:#ededf0;--muted:#a9a9b4;--line:#3a3a44;--soft:#2a2a31;--accent:#ff5c8d;--accent-fg:#1d1d22;--danger:#ff8a80;color-scheme:dark}}
.dialog{width:min(480px,100%);background:var(--bg);border:1px solid var(--line);border-radius:14px;box-shadow:0 12px 40px #0006;overflow:hidden}
header{padding:16px 18px 12px;border-bottom:1px solid var(--line)}
.tag{display:inline-block;font-size:11px;font-weight:700;letter-spacing:.06em;text-transform:uppercase;border:1px dashed var(--accent);color:var(--accent);border-radius:6px;padding:1px 6px}
h1{font-size:18px;margin:8px 0 4px}
h2{font-size:13px;margin:0 0 8px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.04em}
p{margin:4px 0}
.muted{color:var(--muted);font-size:13px}
section,form{padding:14px 18px;border-bottom:1px solid var(--line)}
ul{list-style:none;margin:0;padding:0;display:grid;gap:6px}
button,input{font:inherit;color:inherit}
button{cursor:pointer;border:1px solid var(--line);background:var(--soft);border-radius:8px;padding:7px 12px}
button:hover{border-color:var(--muted)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.account{width:100%;text-align:left;display:grid;gap:1px}
.account b{font-weight:600}
.account span{color:var(--muted);font-size:12px;overflow-wrap:anywhere}
label{display:grid;gap:3px;margin:0 0 10px;font-size:13px}
input{border:1px solid var(--line);background:var(--bg);border-radius:8px;padding:7px 9px}
.primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);font-weight:600}
footer{display:flex;justify-content:space-between;align-items:center;gap:8px;padding:12px 18px}
.deny{border-color:var(--danger);color:var(--danger);background:none}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
section>code{display:block;overflow-wrap:anywhere}
a{color:var(--accent)}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);border-radius:8px;padding:10px 12px;margin:8px 0}
.scopes code{background:var(--soft);border-radius:4px;padding:0 4px;margin-right:4px}
`;

type Attrs = Record<string, string | ((event: Event) => void)>;

/** Minimal DOM builder: text goes through textContent, never innerHTML. */
function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name, value);
    else element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

class OAuth2Overlay extends HTMLElement {}

function mount(tag: string): { host: HTMLElement; root: ShadowRoot } {
  if (!customElements.get(tag)) customElements.define(tag, class extends OAuth2Overlay {});
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  root.append(h('style', {}, STYLE));
  // Last in the document, as the inbox panel is: with the same z-index, the later one is on top, and a notice shown
  // from the open panel must cover it.
  document.documentElement.append(host);
  return { host, root };
}

/** Keeps Tab and Shift+Tab inside the dialog (it is modal). */
function trapFocus(root: ShadowRoot, dialog: HTMLElement): void {
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const focusable = [...dialog.querySelectorAll<HTMLElement>('button, input, a[href]')].filter((el) => !el.hasAttribute('disabled'));
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && root.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && root.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
}

function accountButton(account: ConsentAccount, choose: (account: ConsentAccount) => void): HTMLElement {
  const label = account.name || account.email || `User ${account.providerUid}`;
  const email = account.email || 'no public e-mail';
  const details = (label === account.email ? [`id ${account.providerUid}`] : [email, `id ${account.providerUid}`]).join(' · ');
  return h('li', {}, h('button', { type: 'button', class: 'account', 'data-provider-uid': account.providerUid, click: () => choose(account) },
    h('b', {}, label), h('span', {}, details)));
}

/**
 * Shows the consent screen and resolves with the user's choice: an existing account, a new one typed in, or a
 * denial (the Deny button or Escape).
 */
export function showConsent(info: ConsentInfo): Promise<ConsentDecision> {
  return new Promise((resolve) => {
    const { host, root } = mount(CONSENT_TAG);
    const done = (decision: ConsentDecision) => {
      host.remove();
      resolve(decision);
    };
    const provider = info.providerName;
    const choose = (account: ConsentAccount) => done({ decision: 'approve', providerUid: account.providerUid, email: account.email, name: account.name });

    const email = h('input', { type: 'email', name: 'email', autocomplete: 'off', spellcheck: 'false', placeholder: 'you@example.com' }) as HTMLInputElement;
    const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', maxlength: '128', placeholder: 'Ada Lovelace' }) as HTMLInputElement;
    const form = h('form', {
      'aria-labelledby': 'new-title',
      submit: (event) => {
        event.preventDefault();
        done({ decision: 'approve', email: email.value.trim(), name: name.value.trim() });
      },
    },
    h('h2', { id: 'new-title' }, `New ${provider} account`),
    h('label', {}, 'E-mail', email),
    h('label', {}, 'Name', name),
    h('p', { class: 'muted' }, 'Leave the e-mail empty to emulate an account without a public e-mail.'),
    h('button', { type: 'submit', class: 'primary' }, 'Continue with this account'));

    const scopes = info.scopes.length
      ? h('p', { class: 'muted scopes' }, 'Requested scopes: ', ...info.scopes.map((s) => h('code', {}, s)))
      : null;
    const accounts = info.accounts.length
      ? h('ul', {}, ...info.accounts.map((a) => accountButton(a, choose)))
      : h('p', { class: 'muted' }, `No ${provider} accounts in this emulator yet: create one below.`);
    const deny = h('button', { type: 'button', class: 'deny', click: () => done({ decision: 'deny' }) }, 'Deny access');

    const dialog = h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'title', 'aria-describedby': 'desc' },
      h('header', {},
        h('span', { class: 'tag' }, 'appwrite-emulator · offline'),
        h('h1', { id: 'title' }, `Sign in with ${provider} — emulated provider`),
        h('p', { id: 'desc' }, `${info.projectName} asks to sign you in with ${provider}. This screen is the emulator's stand-in for ${provider}: it is not ${provider}, nothing leaves this browser and no password is needed.`),
        scopes),
      h('section', { 'aria-labelledby': 'existing-title' }, h('h2', { id: 'existing-title' }, 'Continue as'), accounts),
      form,
      h('footer', {}, h('span', { class: 'muted' }, 'Denying returns to the app with an error.'), deny));
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        done({ decision: 'deny' });
      }
    });
    trapFocus(root, dialog);
    root.append(h('div', { class: 'root' }, dialog));
    (root.querySelector<HTMLElement>('.account') ?? email).focus();
  });
}

/**
 * What the browser would show after navigating to a route that answered an error: the response itself (Appwrite's
 * JSON error body), on a page of its own. The app is not booted under it; a link goes back to it.
 */
export function showOAuth2Error(error: { url: string; status: number; contentType: string; body: string }, backTo: string): void {
  const { root } = mount(ERROR_TAG);
  let body = error.body;
  try {
    if (error.contentType.includes('application/json')) body = JSON.stringify(JSON.parse(error.body), null, 2);
  } catch {
    // not JSON after all: show it as it came
  }
  const back = h('a', { href: backTo }, 'Back to the app');
  const dialog = h('div', { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'title' },
    h('header', {},
      h('span', { class: 'tag' }, 'appwrite-emulator · offline'),
      h('h1', { id: 'title' }, `Sign-in stopped: HTTP ${error.status}`),
      h('p', { class: 'muted' }, 'The server answered this request with an error, which a browser would show as the page:')),
    h('section', {}, h('code', {}, error.url), h('pre', { 'data-status': String(error.status) }, body)),
    h('footer', {}, back));
  trapFocus(root, dialog);
  root.append(h('div', { class: 'root' }, dialog));
  back.focus();
}

const REFUSED_EXPLANATIONS: Record<FollowLinkOptions['source'], string> = {
  oauth2: 'It is the app\'s OAuth2 success or failure URL, where Appwrite\'s last redirect sends the browser. '
    + 'A browser never runs a redirect to such a URL; the emulator moves the page itself, so it stops here. '
    + 'Pass http: or https: URLs to createOAuth2Session().',
  inbox: 'It is the link in this e-mail. A mail client would not run it either; the inbox opens links in this page, '
    + 'so it stops here. Pass an http: or https: URL as the url of the call that sent the e-mail.',
};

/**
 * The notice shown instead of following a link that is not http: or https: (safe-navigation.ts): the URL as text,
 * never as a link or HTML, and why it was not opened. With `backTo` it replaces the page (as an error page would)
 * and links back to the app; without it, it closes with its button or Escape.
 */
export function showRefusedLink(url: string, options: Pick<FollowLinkOptions, 'source' | 'backTo'>, message = REFUSED_LINK_MESSAGE): void {
  const { host, root } = mount(REFUSED_TAG);
  const close = () => host.remove();
  const action = options.backTo === undefined
    ? h('button', { type: 'button', class: 'primary', click: close }, 'Close')
    : h('a', { href: options.backTo }, 'Back to the app');
  const dialog = h('div', { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'title', 'aria-describedby': 'desc' },
    h('header', {},
      h('span', { class: 'tag' }, 'appwrite-emulator · offline'),
      h('h1', { id: 'title' }, 'Link not followed'),
      h('p', { id: 'desc' }, message),
      h('p', { class: 'muted' }, REFUSED_EXPLANATIONS[options.source])),
    h('section', {}, h('h2', {}, 'The link'), h('code', { 'data-refused-url': '' }, url)),
    h('footer', {}, h('span', { class: 'muted' }, 'Nothing was opened and no script ran.'), action));
  if (options.backTo === undefined) {
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    });
  }
  trapFocus(root, dialog);
  root.append(h('div', { class: 'root' }, dialog));
  action.focus();
}
