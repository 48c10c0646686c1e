import { app, type User } from '../../app.js';
import { actionForm } from '../../ui/feedback.js';
import { textArea } from '../../ui/field.js';
import { card } from '../../ui/page.js';

/** Preferences are a free JSON object on the user; updatePrefs replaces the whole object. */
export function prefsCard(user: User, changed: (user: User) => void): HTMLElement {
  const form = actionForm({
    label: 'Edit preferences', testId: 'prefs-form', submit: 'Save preferences',
    fields: [textArea({
      label: 'Preferences (JSON object)', name: 'prefs', rows: 8, spellcheck: false,
      value: JSON.stringify(user.prefs, null, 2),
      hint: 'Saved as a whole: keys you remove are deleted.',
    })],
    async onSubmit({ prefs = '' }) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(prefs);
      } catch (error) {
        throw new Error(`That is not valid JSON: ${(error as Error).message}`);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('Preferences must be a JSON object, like {"theme": "dark"}.');
      const updated = await app().account.updatePrefs({ prefs: parsed as Record<string, unknown> });
      changed(updated);
      const area = form.querySelector('textarea');
      if (area) area.value = JSON.stringify(updated.prefs, null, 2);
      return 'Preferences saved.';
    },
  });
  return card('Preferences', 'Any JSON your app wants to keep with the user, such as a theme or a language.', form);
}
