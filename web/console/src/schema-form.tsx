import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { label, t } from './i18n.ts';
import { problemText } from './problems.ts';

/** The part of JSON Schema the step bodies use (zod's export of the command bodies, see case-steps.json). */
export interface FieldSchema {
  type?: string;
  enum?: string[];
  format?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
  description?: string;
}
type Value = unknown;
type Choices = Record<string, { value: string; text: string }[]>;

const LONG_TEXT = 400;

/** How a form uploads a photo and learns its evidence id (a case page provides it); without it, ids are typed. */
export const PhotoUpload = createContext<((file: File) => Promise<string>) | undefined>(undefined);

/** A list of photos: chosen from the device or camera, each uploaded at once, its evidence id kept in the list. */
function PhotoField(props: {
  id: string;
  caption: preact.JSX.Element;
  value: string[];
  upload: (file: File) => Promise<string>;
  onChange: (v: string[]) => void;
}) {
  const [progress, setProgress] = useState<{ done: number; of: number } | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const add = async (files: File[]) => {
    setError(undefined);
    let list = props.value;
    for (const [n, file] of files.entries()) {
      setProgress({ done: n, of: files.length });
      try {
        list = [...list, await props.upload(file)];
        props.onChange(list);
      } catch (e) {
        setError(e);
        break;
      }
    }
    setProgress(undefined);
  };
  return (
    <div class="field photos">
      <label for={props.id}>{props.caption}</label>
      {props.value.length === 0 ? null : (
        <ul class="plain" data-photos={props.value.length}>
          {props.value.map((evidenceId) => (
            <li key={evidenceId}>
              <span class="mono">{evidenceId.slice(0, 12)}</span>{' '}
              <button type="button" class="link" onClick={() => props.onChange(props.value.filter((v) => v !== evidenceId))}>
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={props.id}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        multiple
        disabled={progress !== undefined}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const files = [...(input.files ?? [])];
          input.value = '';
          void add(files);
        }}
      />
      {progress === undefined ? null : (
        <p class="muted" role="status">
          {t('uploading', { done: progress.done + 1, of: progress.of })} <progress max={progress.of} value={progress.done} />
        </p>
      )}
      {error === undefined ? null : (
        <p class="problem" role="alert">
          {problemText(error)}
        </p>
      )}
    </div>
  );
}

/** The starting value of a field: its default, or empty of its kind. */
export function initialValue(schema: FieldSchema): Value {
  if (schema.default !== undefined) return schema.default;
  if (schema.type === 'object') {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, s]) => [name, initialValue(s)]));
  }
  if (schema.type === 'array')
    return schema.items?.type === 'object' ? Array.from({ length: schema.minItems ?? 0 }, () => initialValue(schema.items ?? {})) : [];
  if (schema.type === 'boolean') return false;
  return '';
}

const isEmpty = (v: Value): boolean =>
  v === '' ||
  v === undefined ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isEmpty));

/** The body to send: numbers as numbers, optional fields left empty dropped (the API's strict bodies refuse ''). */
export function bodyOf(schema: FieldSchema, value: Value, required = true): Value {
  if (!required && isEmpty(value) && schema.type !== 'boolean') return undefined;
  if (schema.type === 'object') {
    const out: Record<string, Value> = {};
    for (const [name, s] of Object.entries(schema.properties ?? {})) {
      const v = bodyOf(s, (value as Record<string, Value>)[name], (schema.required ?? []).includes(name));
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (schema.type === 'array') {
    const list = Array.isArray(value)
      ? value
      : String(value ?? '')
          .split(/[,，]\s*/)
          .filter((s) => s !== '');
    return list.map((v) => bodyOf(schema.items ?? {}, v));
  }
  if (schema.type === 'number' || schema.type === 'integer') return value === '' ? undefined : Number(value);
  return value;
}

interface FieldProps {
  id: string;
  name: string;
  schema: FieldSchema;
  value: Value;
  required: boolean;
  choices: Choices;
  invalid: Set<string>;
  path: string;
  onChange: (v: Value) => void;
}

function Field({ id, name, schema, value, required, choices, invalid, path, onChange }: FieldProps) {
  const caption = (
    <>
      {label('field', name)}
      {required ? <span class="req"> *</span> : null}
    </>
  );
  const bad = invalid.has(path) || undefined;
  const chosen = choices[name];
  const upload = useContext(PhotoUpload);
  if (name === 'photos' && schema.type === 'array' && upload !== undefined) {
    return <PhotoField id={id} caption={caption} value={(value as string[]) ?? []} upload={upload} onChange={onChange} />;
  }
  if (schema.type === 'object') {
    return (
      <fieldset class="group">
        <legend>{caption}</legend>
        <Fields
          id={id}
          schema={schema}
          value={value as Record<string, Value>}
          within={required}
          choices={choices}
          invalid={invalid}
          path={path}
          onChange={onChange}
        />
      </fieldset>
    );
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    const rows = (value as Value[]) ?? [];
    return (
      <fieldset class="group">
        <legend>{caption}</legend>
        {rows.map((row, i) => (
          <div class="row-item" key={i}>
            <Fields
              id={`${id}-${i}`}
              schema={schema.items ?? {}}
              value={row as Record<string, Value>}
              within
              choices={choices}
              invalid={invalid}
              path={`${path}.${i}`}
              onChange={(v) => onChange(rows.map((r, j) => (j === i ? v : r)))}
            />
            <button type="button" class="link" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {t('remove')}
            </button>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => onChange([...rows, initialValue(schema.items ?? {})])}>
          {t('add')}
        </button>
      </fieldset>
    );
  }
  if (schema.type === 'array' && schema.items?.enum !== undefined) {
    const picked = (value as string[]) ?? [];
    return (
      <fieldset class="group inline" aria-invalid={bad}>
        <legend>{caption}</legend>
        {schema.items.enum.map((option) => (
          <label class="check" key={option}>
            <input
              type="checkbox"
              name={`${id}`}
              value={option}
              checked={picked.includes(option)}
              onChange={(e) =>
                onChange((e.currentTarget as HTMLInputElement).checked ? [...picked, option] : picked.filter((p) => p !== option))
              }
            />
            {label('option', option)}
          </label>
        ))}
      </fieldset>
    );
  }
  if (schema.type === 'boolean') {
    return (
      <label class="check" for={id}>
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
        {label('field', name)}
      </label>
    );
  }
  const common = {
    id,
    name: path,
    required,
    'aria-invalid': bad,
    onInput: (e: Event) => onChange((e.currentTarget as HTMLInputElement).value),
  };
  let control: preact.JSX.Element;
  if (chosen !== undefined || schema.enum !== undefined) {
    const options = chosen ?? (schema.enum ?? []).map((o) => ({ value: o, text: label('option', o) }));
    control = (
      <select {...common} value={String(value ?? '')} onChange={common.onInput}>
        {required && value !== '' ? null : <option value="">—</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    );
  } else if (schema.type === 'array') {
    control = <input {...common} value={Array.isArray(value) ? value.join(', ') : String(value ?? '')} placeholder={t('listHint')} />;
  } else if ((schema.maxLength ?? 0) > LONG_TEXT) {
    control = <textarea {...common} rows={3} maxLength={schema.maxLength} value={String(value ?? '')} />;
  } else {
    const type: string = schema.format === 'date' ? 'date' : schema.type === 'number' || schema.type === 'integer' ? 'number' : 'text';
    control = (
      <input
        {...common}
        type={type as 'text'}
        step={type === 'number' ? 'any' : undefined}
        min={schema.minimum}
        max={schema.maximum}
        maxLength={schema.maxLength}
        value={String(value ?? '')}
      />
    );
  }
  return (
    <div class="field">
      <label for={id}>{caption}</label>
      {control}
    </div>
  );
}

function Fields(props: {
  id: string;
  schema: FieldSchema;
  value: Record<string, Value>;
  /** Whether this object must be given: an optional object's own required fields are required only once it is filled. */
  within: boolean;
  choices: Choices;
  invalid: Set<string>;
  path: string;
  onChange: (v: Value) => void;
}) {
  const { schema, value } = props;
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, s]) => (
        <Field
          key={name}
          id={`${props.id}-${name}`}
          name={name}
          schema={s}
          value={value?.[name]}
          required={props.within && (schema.required ?? []).includes(name)}
          choices={props.choices}
          invalid={props.invalid}
          path={props.path === '' ? name : `${props.path}.${name}`}
          onChange={(v) => props.onChange({ ...value, [name]: v })}
        />
      ))}
    </>
  );
}

/**
 * A form drawn from a body's JSON Schema. What is typed is kept in sessionStorage under `draftKey` on every change,
 * so a reload, or a sign-in after the session expired, finds it again; it is dropped once the step is recorded.
 */
export function SchemaForm(props: {
  id: string;
  schema: FieldSchema;
  draftKey: string;
  choices?: Choices;
  invalid?: Set<string>;
  busy: boolean;
  submitText: string;
  onSubmit: (body: Value) => void;
}) {
  const [value, setValue] = useState<Value>(() => {
    const saved = sessionStorage.getItem(props.draftKey);
    return saved === null ? initialValue(props.schema) : JSON.parse(saved);
  });
  const change = (v: Value) => {
    sessionStorage.setItem(props.draftKey, JSON.stringify(v));
    setValue(v);
  };
  return (
    <form
      id={props.id}
      class="step-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(bodyOf(props.schema, value));
      }}
    >
      <Fields
        id={props.id}
        schema={props.schema}
        value={value as Record<string, Value>}
        within
        choices={props.choices ?? {}}
        invalid={props.invalid ?? new Set()}
        path=""
        onChange={change}
      />
      <button type="submit" class="primary" disabled={props.busy}>
        {props.busy ? t('submitting') : props.submitText}
      </button>
    </form>
  );
}

export const dropDraft = (key: string) => sessionStorage.removeItem(key);
