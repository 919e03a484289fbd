import { SierraError } from '../errors.js';
import { type Token, tokenize } from './lexer.js';
import {
  type BranchInfo,
  type DeclaredTypeInfo,
  type GenericArg,
  genericArgToString,
  type LibfuncDeclaration,
  type LongId,
  type Param,
  type Program,
  type SierraFunction,
  type Statement,
  type TypeDeclaration,
} from './types.js';

type PreTarget = number | string | null;
interface PreInvocation {
  kind: 'invocation';
  libfuncId: string;
  args: string[];
  branches: { target: PreTarget; results: string[] }[];
}
type PreStatement = PreInvocation | { kind: 'return'; vars: string[] } | { kind: 'label'; name: string };

const KEYWORDS = new Set(['type', 'libfunc', 'return', 'fallthrough', 'true', 'false']);

/** Recursive-descent parser for the Sierra text format (the golden tests' `sierra_code`). */
class TextParser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  private is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind !== 'eof' && t.text === text;
  }
  private fail(what: string): never {
    const t = this.peek();
    throw new SierraError('SIERRA_PARSE_ERROR', `expected ${what} at offset ${t.pos}, got '${t.text}'`, {
      pos: t.pos,
    });
  }
  private expect(text: string): void {
    if (!this.is(text)) this.fail(`'${text}'`);
    this.next();
  }
  private basicLabel(): string {
    const t = this.peek();
    if (t.kind !== 'ident' || KEYWORDS.has(t.text)) this.fail('a label');
    return this.next().text;
  }
  private isBasicLabel(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && !KEYWORDS.has(t.text);
  }
  private int(): bigint {
    const t = this.peek();
    if (t.kind !== 'int') this.fail('an integer');
    return BigInt(this.next().text);
  }
  private uint(): number {
    const v = this.int();
    if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail('an unsigned integer');
    return Number(v);
  }

  private pathLabel(): string {
    let s = this.basicLabel();
    while (this.is('::') && this.isBasicLabel(1)) {
      this.next();
      s += `::${this.basicLabel()}`;
    }
    return s;
  }

  private genericArgsString(close: string): string {
    const parts: string[] = [];
    for (;;) {
      if (this.is('...') && parts.length > 0) {
        this.next();
        parts.push('...');
      } else parts.push(genericArgToString(this.genericArg()));
      if (this.is(',')) {
        this.next();
        if (this.is(close)) break;
        continue;
      }
      break;
    }
    return parts.join(', ');
  }

  private concreteLabel(): string {
    let s: string;
    if (this.is('(')) {
      this.next();
      if (this.is(')')) s = '()';
      else s = `(${this.genericArgsString(')')})`;
      this.expect(')');
    } else s = this.basicLabel();
    for (;;) {
      if (this.is('::') && this.isBasicLabel(1)) {
        this.next();
        s += `::${this.basicLabel()}`;
      } else if (this.is('::') && this.is('<', 1)) {
        this.next();
        this.next();
        s += `::<${this.genericArgsString('>')}>`;
        this.expect('>');
      } else if (this.is('<')) {
        this.next();
        s += `<${this.genericArgsString('>')}>`;
        this.expect('>');
      } else return s;
    }
  }

  private tokenTree(): string {
    const t = this.peek();
    if (t.text === '{' || t.text === '[' || t.text === '(') {
      const close = t.text === '{' ? '}' : t.text === '[' ? ']' : ')';
      this.next();
      let s = t.text;
      while (!this.is(close)) {
        if (this.peek().kind === 'eof') this.fail(`'${close}'`);
        s += this.tokenTree();
      }
      this.next();
      return s + close;
    }
    if (t.kind === 'eof') this.fail('a token');
    return this.next().text;
  }

  private functionId(): string {
    if (this.is('[') && this.peek(1).kind === 'int') {
      this.next();
      const id = this.uint();
      this.expect(']');
      return `[${id}]`;
    }
    let s = this.concreteLabel();
    if (this.is('[')) s += this.tokenTree();
    if (this.is('{')) s += this.tokenTree();
    return s;
  }

  concreteTypeId(): string {
    if (this.is('@')) {
      this.next();
      return `@${this.concreteTypeId()}`;
    }
    if (this.is('[')) {
      this.next();
      if (this.peek().kind === 'int') {
        const id = this.uint();
        this.expect(']');
        return `[${id}]`;
      }
      const ty = this.concreteTypeId();
      this.expect(';');
      const count = this.uint();
      this.expect(']');
      return `[${ty}; ${count}]`;
    }
    return this.concreteLabel();
  }

  private libfuncId(): string {
    if (this.is('[')) {
      this.next();
      const id = this.uint();
      this.expect(']');
      return `[${id}]`;
    }
    return this.concreteLabel();
  }

  private userTypeId(): string {
    if (this.is('[')) {
      this.next();
      const id = this.int();
      this.expect(']');
      return `[${id}]`;
    }
    if (this.is('{')) return this.tokenTree();
    return this.concreteLabel();
  }

  private genericArg(): GenericArg {
    const t = this.peek();
    if (t.kind === 'int') return { kind: 'value', value: this.int() };
    if (t.text === 'user@') {
      this.next();
      return { kind: 'userFunc', id: this.functionId() };
    }
    if (t.text === 'ut@') {
      this.next();
      return { kind: 'userType', id: this.userTypeId() };
    }
    if (t.text === 'lib@') {
      this.next();
      return { kind: 'libfunc', id: this.libfuncId() };
    }
    return { kind: 'type', id: this.concreteTypeId() };
  }

  private longId(): LongId {
    const genericId = this.pathLabel();
    const args: GenericArg[] = [];
    if (this.is('<')) {
      this.next();
      while (!this.is('>')) {
        args.push(this.genericArg());
        if (this.is(',')) this.next();
        else break;
      }
      this.expect('>');
    }
    return { genericId, args };
  }

  private bool(): boolean {
    if (this.is('true') || this.is('false')) return this.next().text === 'true';
    return this.fail('a boolean');
  }

  private declaredTypeInfo(): DeclaredTypeInfo | undefined {
    if (!this.is('[')) return undefined;
    this.next();
    this.expect('storable:');
    const storable = this.bool();
    this.expect(',');
    this.expect('drop:');
    const droppable = this.bool();
    this.expect(',');
    this.expect('dup:');
    const duplicatable = this.bool();
    this.expect(',');
    this.expect('zero_sized:');
    const zeroSized = this.bool();
    this.expect(']');
    return { storable, droppable, duplicatable, zeroSized };
  }

  private varId(): string {
    if (this.is('[')) {
      this.next();
      const id = this.uint();
      this.expect(']');
      return `[${id}]`;
    }
    return this.basicLabel();
  }

  private list<T>(item: () => T, close: string): T[] {
    const out: T[] = [];
    while (!this.is(close)) {
      out.push(item());
      if (this.is(',')) this.next();
      else break;
    }
    return out;
  }

  private varIds(): string[] {
    this.expect('(');
    const v = this.list(() => this.varId(), ')');
    this.expect(')');
    return v;
  }

  private statementId(): number | string {
    if (this.peek().kind === 'int') return this.uint();
    return this.basicLabel();
  }

  parseProgram(): Program {
    const types: TypeDeclaration[] = [];
    while (this.is('type')) {
      this.next();
      const id = this.concreteTypeId();
      this.expect('=');
      const longId = this.longId();
      const declaredTypeInfo = this.declaredTypeInfo();
      this.expect(';');
      types.push({ id, longId, declaredTypeInfo });
    }
    const libfuncs: LibfuncDeclaration[] = [];
    while (this.is('libfunc')) {
      this.next();
      const id = this.libfuncId();
      this.expect('=');
      const longId = this.longId();
      this.expect(';');
      libfuncs.push({ id, longId });
    }
    const pre: PreStatement[] = [];
    const funcs: (Omit<SierraFunction, 'entryPoint'> & { entry: number | string })[] = [];
    while (this.peek().kind !== 'eof') {
      if (this.isBasicLabel() && this.is(':', 1)) {
        pre.push({ kind: 'label', name: this.basicLabel() });
        this.next();
        continue;
      }
      if (this.is('return') && this.is('(', 1)) {
        this.next();
        const vars = this.varIds();
        this.expect(';');
        pre.push({ kind: 'return', vars });
        continue;
      }
      const start = this.i;
      const fid = this.functionId();
      if (this.is('@')) {
        this.next();
        const entry = this.statementId();
        this.expect('(');
        const params = this.list((): Param => {
          const id = this.varId();
          this.expect(':');
          return { id, ty: this.concreteTypeId() };
        }, ')');
        this.expect(')');
        this.expect('->');
        this.expect('(');
        const retTypes = this.list(() => this.concreteTypeId(), ')');
        this.expect(')');
        this.expect(';');
        funcs.push({ id: fid, params, paramTypes: params.map((p) => p.ty), retTypes, entry });
        continue;
      }
      this.i = start;
      pre.push(this.invocation());
    }
    return finalize(types, libfuncs, pre, funcs);
  }

  private invocation(): PreInvocation {
    const libfuncId = this.libfuncId();
    const args = this.varIds();
    if (this.is('->')) {
      this.next();
      const results = this.varIds();
      this.expect(';');
      return { kind: 'invocation', libfuncId, args, branches: [{ target: null, results }] };
    }
    this.expect('{');
    const branches: PreInvocation['branches'] = [];
    while (!this.is('}')) {
      let target: PreTarget;
      if (this.is('fallthrough')) {
        this.next();
        target = null;
      } else target = this.statementId();
      branches.push({ target, results: this.varIds() });
    }
    this.expect('}');
    this.expect(';');
    return { kind: 'invocation', libfuncId, args, branches };
  }
}

function finalize(
  types: TypeDeclaration[],
  libfuncs: LibfuncDeclaration[],
  pre: PreStatement[],
  rawFuncs: (Omit<SierraFunction, 'entryPoint'> & { entry: number | string })[],
): Program {
  const labels = new Map<string, number>();
  let count = 0;
  for (const s of pre) {
    if (s.kind === 'label') {
      if (labels.has(s.name)) throw new SierraError('SIERRA_PARSE_ERROR', `duplicate label ${s.name}`);
      labels.set(s.name, count);
    } else count++;
  }
  const resolve = (t: number | string): number => {
    if (typeof t === 'number') return t;
    const idx = labels.get(t);
    if (idx === undefined) throw new SierraError('SIERRA_PARSE_ERROR', `unknown label ${t}`);
    return idx;
  };
  const statements: Statement[] = [];
  for (const s of pre) {
    if (s.kind === 'label') continue;
    if (s.kind === 'return') statements.push(s);
    else
      statements.push({
        kind: 'invocation',
        libfuncId: s.libfuncId,
        args: s.args,
        branches: s.branches.map(
          (b): BranchInfo => ({ target: b.target === null ? null : resolve(b.target), results: b.results }),
        ),
      });
  }
  const funcs = rawFuncs.map(({ entry, ...f }) => ({ ...f, entryPoint: resolve(entry) }));
  return { types, libfuncs, statements, funcs };
}

/** Parses a Sierra program from its text form. */
export function parseSierraText(text: string): Program {
  return new TextParser(tokenize(text)).parseProgram();
}
