import { h, nextId, type Child } from './h.js';

export interface FieldOptions {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number';
  value?: string;
  autocomplete?: string;
  required?: boolean;
  hint?: Child;
  placeholder?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  autofocus?: boolean;
}

/** A labelled input with an optional hint wired through aria-describedby. */
export function field(options: FieldOptions): HTMLDivElement {
  const id = nextId(options.name);
  const hintId = options.hint ? `${id}-hint` : undefined;
  return h('div', { class: 'field' },
    h('label', { for: id }, options.label),
    h('input', {
      id,
      name: options.name,
      type: options.type ?? 'text',
      value: options.value,
      autocomplete: options.autocomplete,
      required: options.required ?? true,
      placeholder: options.placeholder,
      inputmode: options.inputmode,
      minlength: options.minlength,
      maxlength: options.maxlength,
      pattern: options.pattern,
      autofocus: options.autofocus,
      'aria-describedby': hintId,
    }),
    options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null);
}

/** A labelled multi-line input. */
export function textArea(options: { label: string; name: string; value: string; rows?: number; hint?: Child; spellcheck?: boolean }): HTMLDivElement {
  const id = nextId(options.name);
  const hintId = options.hint ? `${id}-hint` : undefined;
  const area = h('textarea', { id, name: options.name, rows: options.rows ?? 6, spellcheck: options.spellcheck === false ? 'false' : undefined, 'aria-describedby': hintId });
  area.value = options.value;
  return h('div', { class: 'field' }, h('label', { for: id }, options.label), area, options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null);
}
