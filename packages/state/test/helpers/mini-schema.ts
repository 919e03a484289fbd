// A small JSON-schema checker for the OpenRPC specs (the subset the result schemas use).
type Schema = Record<string, unknown>;

export function validate(schema: Schema, value: unknown, root: Schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root) as Schema;
    return validate(target, value, root, path);
  }
  const errors: string[] = [];
  if (Array.isArray(schema.allOf))
    for (const s of schema.allOf as Schema[]) errors.push(...validate(s, value, root, path));
  if (Array.isArray(schema.oneOf)) {
    const ok = (schema.oneOf as Schema[]).filter((s) => validate(s, value, root, path).length === 0).length;
    if (ok !== 1) errors.push(`${path}: matches ${ok} of oneOf`);
  }
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return [`${path}: not an object`];
      const o = value as Record<string, unknown>;
      for (const r of (schema.required as string[] | undefined) ?? [])
        if (!(r in o)) errors.push(`${path}: missing ${r}`);
      const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, v] of Object.entries(o))
        if (props[k]) errors.push(...validate(props[k], v, root, `${path}.${k}`));
      break;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      value.forEach((v, i) => {
        errors.push(...validate(schema.items as Schema, v, root, `${path}[${i}]`));
      });
      break;
    case 'string':
      if (typeof value !== 'string') return [`${path}: not a string`];
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value))
        errors.push(`${path}: ${value} does not match ${schema.pattern}`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) return [`${path}: not an integer`];
      if (typeof schema.minimum === 'number' && (value as number) < schema.minimum)
        errors.push(`${path}: below minimum`);
      break;
  }
  return errors;
}
