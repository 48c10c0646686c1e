/** The response models the Account API sends; filters are keyed by these names, like Appwrite's MODEL_* constants. */
export type ModelName = 'account' | 'session' | 'token' | 'identity' | 'log' | 'target';

/** A hidden tag on every model object: JSON never sees it, the format filters read it. */
export const MODEL = Symbol('appwrite-emulator.model');

export function tagModel<T extends object>(name: ModelName, model: T): T {
  Object.defineProperty(model, MODEL, { value: name, enumerable: false });
  return model;
}

export function modelName(value: object): ModelName | undefined {
  return (value as { [MODEL]?: ModelName })[MODEL];
}
