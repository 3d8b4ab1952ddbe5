// A small JSON Schema (draft-07) checker for rule options: the subset rule authors use (type, enum,
// const, items, properties, required, additionalProperties, minimum/maximum and their exclusive
// forms, minItems/maxItems, uniqueItems, minLength/maxLength, pattern, anyOf). A schema using
// anything else is a rule bug, caught by a test, not silently accepted.

export type JsonSchema = Readonly<Record<string, unknown>>;

export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'enum',
  'const',
  'items',
  'additionalItems',
  'properties',
  'required',
  'additionalProperties',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'anyOf',
  // annotations: no effect on validity
  'description',
  'default',
  'title',
  'examples',
  '$schema',
  '$id',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const quote = (v: unknown) => JSON.stringify(v);

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** `path: what is wrong` for the first place `value` breaks `schema`, or undefined when it fits. */
export function schemaError(value: unknown, schema: JsonSchema, path = ''): string | undefined {
  const at = (message: string, where = path) => `${where || '(value)'}: ${message}`;

  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as JsonSchema[];
    const errors = branches.map((b) => schemaError(value, b, path));
    if (errors.every((e) => e !== undefined)) {
      // the branch of the right type explains best; else the first
      const typed = branches.findIndex((b) => typeof b.type !== 'string' || matchesType(value, b.type));
      return errors[typed >= 0 ? typed : 0];
    }
  }
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    if (!types.some((t) => matchesType(value, t)))
      return at(
        `must be ${types.map((t) => (t === 'integer' ? 'an integer' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(' or ')}, not ${typeOf(value)}`,
      );
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
    return at(`must be one of ${schema.enum.map(quote).join(', ')}, not ${quote(value)}`);
  }
  if ('const' in schema && schema.const !== value) return at(`must be ${quote(schema.const)}`);

  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return at(`must be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) return at(`must be at most ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      return at(`must be more than ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum)
      return at(`must be less than ${schema.exclusiveMaximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
      return at(schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`);
    }
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      return at(`must be at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      return at(`must match /${schema.pattern}/`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      return at(`must have at least ${schema.minItems} item(s)`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      return at(`must have at most ${schema.maxItems} item(s)`);
    if (schema.uniqueItems === true) {
      const seen = value.map((v) => JSON.stringify(v));
      const dup = seen.findIndex((v, i) => seen.indexOf(v) !== i);
      if (dup >= 0) return at(`repeats ${seen[dup]}`, join(path, dup));
    }
    if (Array.isArray(schema.items)) {
      // tuple form (draft-07)
      const tuple = schema.items as JsonSchema[];
      for (let i = 0; i < value.length; i++) {
        const item = i < tuple.length ? tuple[i] : schema.additionalItems;
        if (item === false) return at(`must have at most ${tuple.length} item(s)`);
        if (item && typeof item === 'object') {
          const err = schemaError(value[i], item as JsonSchema, join(path, i));
          if (err) return err;
        }
      }
    } else if (schema.items && typeof schema.items === 'object') {
      for (let i = 0; i < value.length; i++) {
        const err = schemaError(value[i], schema.items as JsonSchema, join(path, i));
        if (err) return err;
      }
    }
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!Object.hasOwn(obj, key)) return at(`is required`, join(path, key));
    }
    for (const [key, v] of Object.entries(obj)) {
      if (Object.hasOwn(props, key)) {
        const err = schemaError(v, props[key], join(path, key));
        if (err) return err;
      } else if (schema.additionalProperties === false) {
        const known = Object.keys(props);
        return at(`unknown option${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`, join(path, key));
      } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        const err = schemaError(v, schema.additionalProperties as JsonSchema, join(path, key));
        if (err) return err;
      }
    }
  }
  return undefined;
}

/** Keywords in `schema` (at any depth) that schemaError does not understand. */
export function unsupportedKeywords(schema: JsonSchema): string[] {
  const out = new Set<string>();
  const visit = (s: unknown) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return;
    const node = s as Record<string, unknown>;
    for (const [key, v] of Object.entries(node)) {
      if (!SUPPORTED_KEYWORDS.has(key)) out.add(key);
      if (key === 'properties' && v && typeof v === 'object') Object.values(v).forEach(visit);
      else if (key === 'items' || key === 'additionalItems' || key === 'additionalProperties')
        (Array.isArray(v) ? v : [v]).forEach(visit);
      else if (key === 'anyOf' && Array.isArray(v)) v.forEach(visit);
    }
  };
  visit(schema);
  return [...out].sort();
}
