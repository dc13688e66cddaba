import type { Geometry, Position } from 'geojson';
import type {
  Cql2ArithmeticOperator,
  Cql2ArrayExpression,
  Cql2ArrayLiteral,
  Cql2ComparisonOperator,
  Cql2Expression,
  Cql2Geometry,
  Cql2IntervalEnd,
  Cql2Node,
  Cql2NumberLiteral,
} from './cql2-ast.js';
import { bboxGeometry } from './bbox-geometry.js';
import { cql2Error, type Cql2Fail } from './cql2-error.js';
import { CQL2_LIMITS, type Cql2Limits } from './cql2-limits.js';
import { checkCql2Operand, type Cql2OperandCategory } from './cql2-operand.js';
import { resolveCql2Operator } from './cql2-operators.js';
import { functionCall } from './function-call.js';
import { geoJsonGeometry } from './geojson-geometry.js';
import { instantLiteral } from './instant-literal.js';
import { intervalExpression } from './interval-expression.js';
import { logicalExpression } from './logical-expression.js';
import { normalisePropertyName } from './normalise-property-name.js';
import { tokenizeCql2Text, type Cql2Token } from './tokenize-cql2-text.js';

/**
 * Parses CQL2 text (OGC 21-065r2, the `cql2-text` encoding) into the AST of `cql2-ast.ts`.
 *
 * Keywords and function names are case-insensitive. Precedence, loosest first: `OR`, `AND`, `NOT`,
 * the predicates (`= <> < > <= >=`, `[NOT] LIKE`, `[NOT] BETWEEN .. AND ..`, `[NOT] IN (..)`,
 * `IS [NOT] NULL`), `+ -`, `* / % div`, `^` (right-associative), unary minus.
 *
 * Parentheses group, except: `(a, b)` is an array literal, and inside an array predicate
 * (`A_CONTAINS(instruments, ('msi'))`) every parenthesis opens an array, one element or not.
 *
 * @example
 * parseCql2Text("eo:cloud_cover < 10 AND platform = 'sentinel-2a'")
 * // { kind: 'and', args: [
 * //   { kind: 'comparison', op: '<', left: { kind: 'property', name: 'eo:cloud_cover' },
 * //     right: { kind: 'literal', type: 'number', value: 10 } },
 * //   { kind: 'comparison', op: '=', left: { kind: 'property', name: 'platform' },
 * //     right: { kind: 'literal', type: 'string', value: 'sentinel-2a' } } ] }
 *
 * @throws InvalidRequestError `InvalidFilter` naming the character offset (from 0) and the token
 *   there, e.g. `Invalid CQL2 text at offset 17 (end of input): expected a value or a predicate`;
 *   also for text over `limits.maxTextLength` and nesting over `limits.maxDepth`.
 */
export function parseCql2Text(text: string, limits: Partial<Cql2Limits> = {}): Cql2Expression {
  const maxDepth = limits.maxDepth ?? CQL2_LIMITS.maxDepth;
  const maxTextLength = limits.maxTextLength ?? CQL2_LIMITS.maxTextLength;
  if (typeof text !== 'string') throw cql2Error('Invalid CQL2 text: the filter is not a string');
  if (text.length > maxTextLength) {
    throw cql2Error(`Invalid CQL2 text: ${text.length} characters, over the limit of ${maxTextLength}`);
  }
  return new TextParser(text, maxDepth).parseFilter();
}

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['=', '<>', '<', '>', '<=', '>=']);
/** Keywords that can never be a property or a function name, even when followed by `(`. */
const OPERATOR_KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'LIKE', 'BETWEEN', 'IN', 'IS', 'NULL', 'DIV']);
const WKT_TYPES: ReadonlyMap<string, Geometry['type']> = new Map([
  ['POINT', 'Point'],
  ['LINESTRING', 'LineString'],
  ['POLYGON', 'Polygon'],
  ['MULTIPOINT', 'MultiPoint'],
  ['MULTILINESTRING', 'MultiLineString'],
  ['MULTIPOLYGON', 'MultiPolygon'],
  ['GEOMETRYCOLLECTION', 'GeometryCollection'],
]);
const WKT_MODIFIERS: ReadonlySet<string> = new Set(['Z', 'M', 'ZM', 'EMPTY']);

/** A recursive-descent parser over the token list; `depth` counts nesting against the limit. */
class TextParser {
  private readonly tokens: Cql2Token[];
  private pos = 0;
  private depth = 0;

  constructor(
    text: string,
    private readonly maxDepth: number,
  ) {
    this.tokens = tokenizeCql2Text(text, (offset, found, problem) => this.failAtOffset(offset, found, problem));
  }

  parseFilter(): Cql2Expression {
    const first = this.peek();
    if (first.type === 'end') this.failAt(first)('the filter is empty');
    const expression = this.parseOr();
    const rest = this.peek();
    if (rest.type !== 'end') this.failAt(rest)('expected AND, OR or the end of the filter');
    return checkCql2Operand(expression, 'predicate', this.failAt(first));
  }

  // --- Boolean levels ------------------------------------------------------------------------

  private parseOr(): Cql2Node {
    return this.parseLogical('OR', () => this.parseAnd());
  }

  private parseAnd(): Cql2Node {
    return this.parseLogical('AND', () => this.parseNot());
  }

  private parseLogical(keyword: 'AND' | 'OR', operand: () => Cql2Node): Cql2Node {
    const first = this.peek();
    const node = operand();
    if (!this.isKeyword(this.peek(), keyword)) return node;
    const args = [checkCql2Operand(node, 'predicate', this.failAt(first))];
    while (this.isKeyword(this.peek(), keyword)) {
      this.next();
      const start = this.peek();
      args.push(checkCql2Operand(operand(), 'predicate', this.failAt(start)));
    }
    return logicalExpression(keyword === 'AND' ? 'and' : 'or', args);
  }

  private parseNot(): Cql2Node {
    const token = this.peek();
    if (!this.isKeyword(token, 'NOT')) return this.parsePredicate();
    this.next();
    this.enter(token);
    const start = this.peek();
    const arg = checkCql2Operand(this.parseNot(), 'predicate', this.failAt(start));
    this.leave();
    return { kind: 'not', arg };
  }

  /** A value, optionally followed by one comparison, LIKE, BETWEEN, IN or IS NULL. */
  private parsePredicate(): Cql2Node {
    const start = this.peek();
    const left = this.parseAdditive();
    const failLeft = this.failAt(start);
    const token = this.peek();
    if (token.type === 'punct' && COMPARISON_OPERATORS.has(token.value)) {
      this.next();
      const rightStart = this.peek();
      const right = this.parseAdditive();
      return {
        kind: 'comparison',
        op: token.value as Cql2ComparisonOperator,
        left: checkCql2Operand(left, 'scalar', failLeft),
        right: checkCql2Operand(right, 'scalar', this.failAt(rightStart)),
      };
    }

    let negated = false;
    if (this.isKeyword(token, 'NOT')) {
      const after = this.peek(1);
      if (!['LIKE', 'BETWEEN', 'IN'].some((word) => this.isKeyword(after, word))) {
        this.failAt(after)('expected LIKE, BETWEEN or IN after NOT');
      }
      this.next();
      negated = true;
    }
    const operator = this.peek();
    let predicate: Cql2Expression;
    if (this.isKeyword(operator, 'LIKE')) {
      this.next();
      predicate = {
        kind: 'like',
        value: checkCql2Operand(left, 'character', failLeft),
        pattern: this.operand('character', () => this.parseAdditive()),
      };
    } else if (this.isKeyword(operator, 'BETWEEN')) {
      this.next();
      const value = checkCql2Operand(left, 'numeric', failLeft);
      const low = this.operand('numeric', () => this.parseAdditive());
      this.expectKeyword('AND', 'expected AND between the bounds of BETWEEN');
      predicate = { kind: 'between', value, low, high: this.operand('numeric', () => this.parseAdditive()) };
    } else if (this.isKeyword(operator, 'IN')) {
      this.next();
      const value = checkCql2Operand(left, 'scalar', failLeft);
      this.expectPunct('(', 'expected ( and a list after IN');
      const list = [this.operand('scalar', () => this.parseAdditive())];
      while (this.acceptPunct(',')) list.push(this.operand('scalar', () => this.parseAdditive()));
      this.expectPunct(')', "expected ',' or ')' in the IN list");
      predicate = { kind: 'in', value, list };
    } else if (this.isKeyword(operator, 'IS')) {
      this.next();
      const not = this.isKeyword(this.peek(), 'NOT');
      if (not) this.next();
      this.expectKeyword('NULL', `expected ${not ? '' : 'NOT or '}NULL after IS`);
      const isNull: Cql2Expression = { kind: 'isNull', value: checkCql2Operand(left, 'isNullOperand', failLeft) };
      return not ? { kind: 'not', arg: isNull } : isNull;
    } else {
      return left;
    }
    return negated ? { kind: 'not', arg: predicate } : predicate;
  }

  // --- Arithmetic levels ---------------------------------------------------------------------

  private parseAdditive(): Cql2Node {
    return this.parseArithmetic(['+', '-'], () => this.parseMultiplicative());
  }

  private parseMultiplicative(): Cql2Node {
    return this.parseArithmetic(['*', '/', '%', 'DIV'], () => this.parsePower());
  }

  private parseArithmetic(operators: readonly string[], operand: () => Cql2Node): Cql2Node {
    const start = this.peek();
    let left = operand();
    for (;;) {
      const token = this.peek();
      const op = token.type === 'punct' || token.type === 'identifier' ? token.value.toUpperCase() : '';
      if (!operators.includes(op) || (token.type === 'identifier') !== (op === 'DIV')) return left;
      this.next();
      left = {
        kind: 'arithmetic',
        op: op.toLowerCase() as Cql2ArithmeticOperator,
        left: checkCql2Operand(left, 'numeric', this.failAt(start)),
        right: this.operand('numeric', operand),
      };
    }
  }

  private parsePower(): Cql2Node {
    const start = this.peek();
    const base = this.parseUnary();
    const caret = this.peek();
    if (!this.isPunct(caret, '^')) return base;
    this.next();
    this.enter(caret);
    const exponent = this.operand('numeric', () => this.parsePower());
    this.leave();
    return { kind: 'arithmetic', op: '^', left: checkCql2Operand(base, 'numeric', this.failAt(start)), right: exponent };
  }

  private parseUnary(): Cql2Node {
    const sign = this.peek();
    if (!this.isPunct(sign, '-') && !this.isPunct(sign, '+')) return this.parsePrimary();
    this.next();
    this.enter(sign);
    const operand = this.operand('numeric', () => this.parseUnary());
    this.leave();
    if (sign.value === '+') return operand;
    if (operand.kind === 'literal') return numberLiteral(-operand.value);
    // CQL2 JSON has no unary minus; `-x` is `-1 * x` there, and so here, so both encodings agree.
    return { kind: 'arithmetic', op: '*', left: numberLiteral(-1), right: operand };
  }

  // --- Primaries -----------------------------------------------------------------------------

  private parsePrimary(): Cql2Node {
    const token = this.peek();
    switch (token.type) {
      case 'number': {
        this.next();
        const value = Number(token.value);
        if (!Number.isFinite(value)) this.failAt(token)('the number is out of range');
        return numberLiteral(value);
      }
      case 'string':
        this.next();
        return { kind: 'literal', type: 'string', value: token.value };
      case 'quoted':
        this.next();
        return normalisePropertyName(token.value, this.failAt(token));
      case 'identifier':
        return this.parseIdentifier();
      default:
        if (this.isPunct(token, '(')) return this.parseParenthesised();
        return this.failAt(token)('expected a value or a predicate');
    }
  }

  /** `( expression )` groups; `(a, b, ..)` and `()` are array literals. */
  private parseParenthesised(): Cql2Node {
    const open = this.next();
    this.enter(open);
    if (this.acceptPunct(')')) {
      this.leave();
      return { kind: 'arrayLiteral', elements: [] };
    }
    const start = this.peek();
    const first = this.parseOr();
    let node = first;
    if (this.isPunct(this.peek(), ',')) {
      const elements = [checkCql2Operand(first, 'arrayElement', this.failAt(start))];
      while (this.acceptPunct(',')) elements.push(this.operand('arrayElement', () => this.parseOr()));
      node = { kind: 'arrayLiteral', elements };
    }
    this.expectPunct(')', "expected ')'");
    this.leave();
    return node;
  }

  private parseIdentifier(): Cql2Node {
    const token = this.next();
    const upper = token.value.toUpperCase();
    const fail = this.failAt(token);
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', type: 'boolean', value: upper === 'TRUE' };
    if (OPERATOR_KEYWORDS.has(upper)) return fail(`unexpected ${upper}; expected a value or a predicate`);

    const next = this.peek();
    const call = this.isPunct(next, '(');
    const geometryType = WKT_TYPES.get(upper);
    if (geometryType && (call || (next.type === 'identifier' && WKT_MODIFIERS.has(next.value.toUpperCase())))) {
      return this.parseWkt(token, geometryType);
    }
    // Not followed by `(`, even DATE or S_INTERSECTS is just a property of that name.
    if (!call) return normalisePropertyName(token.value, fail);

    switch (upper) {
      case 'DATE':
      case 'TIMESTAMP': {
        this.next();
        const value = this.peek();
        if (value.type !== 'string') this.failAt(value)(`expected a quoted ${upper.toLowerCase()} string`);
        this.next();
        this.expectPunct(')', `expected ')' after the ${upper.toLowerCase()} string`);
        return instantLiteral(value.value, upper === 'DATE' ? 'date' : 'timestamp', this.failAt(value));
      }
      case 'INTERVAL':
        return this.parseInterval(token);
      case 'BBOX':
        return this.parseBbox(token);
    }

    const operator = resolveCql2Operator(token.value, false);
    switch (operator.family) {
      case 'spatial':
        return { kind: 'spatial', op: operator.op, args: this.parsePair(token, () => this.operand('geometry', () => this.parseOr())) };
      case 'temporal':
        return { kind: 'temporal', op: operator.op, args: this.parsePair(token, () => this.operand('temporal', () => this.parseOr())) };
      case 'array':
        return { kind: 'array', op: operator.op, args: this.parsePair(token, () => this.parseArrayArgument()) };
      default:
        return this.parseFunction(token, upper.toLowerCase());
    }
  }

  /** `name(a, b)` for the spatial, temporal and array predicates: exactly two arguments. */
  private parsePair<T>(name: Cql2Token, argument: () => T): [T, T] {
    this.next();
    this.enter(name);
    const first = argument();
    this.expectPunct(',', `expected ',' (${name.value.toUpperCase()} takes two arguments)`);
    const second = argument();
    this.expectPunct(')', `expected ')' (${name.value.toUpperCase()} takes two arguments)`);
    this.leave();
    return [first, second];
  }

  private parseFunction(name: Cql2Token, lowerName: string): Cql2Node {
    this.next();
    this.enter(name);
    const args: Cql2Node[] = [];
    const starts: Cql2Token[] = [];
    if (!this.acceptPunct(')')) {
      do {
        starts.push(this.peek());
        args.push(this.parseOr());
      } while (this.acceptPunct(','));
      this.expectPunct(')', "expected ',' or ')' after a function argument");
    }
    this.leave();
    return functionCall(lowerName, args, this.failAt(name), (i) => this.failAt(starts[i] ?? name));
  }

  /** An array predicate's argument: a parenthesis here always opens an array literal. */
  private parseArrayArgument(): Cql2ArrayExpression {
    if (this.isPunct(this.peek(), '(')) return this.parseArrayLiteral();
    return this.operand('array', () => this.parseOr());
  }

  private parseArrayLiteral(): Cql2ArrayLiteral {
    const open = this.next();
    this.enter(open);
    const elements: Cql2ArrayLiteral['elements'][number][] = [];
    if (!this.acceptPunct(')')) {
      do {
        elements.push(
          this.isPunct(this.peek(), '(')
            ? this.parseArrayLiteral()
            : this.operand('arrayElement', () => this.parseAdditive()),
        );
      } while (this.acceptPunct(','));
      this.expectPunct(')', "expected ',' or ')' in the array");
    }
    this.leave();
    return { kind: 'arrayLiteral', elements };
  }

  private parseInterval(name: Cql2Token): Cql2Node {
    this.next();
    this.enter(name);
    const start = this.parseIntervalEnd();
    this.expectPunct(',', "expected ',' (INTERVAL takes a start and an end)");
    const end = this.parseIntervalEnd();
    this.expectPunct(')', "expected ')' (INTERVAL takes a start and an end)");
    this.leave();
    return intervalExpression(start, end, this.failAt(name));
  }

  private parseIntervalEnd(): Cql2IntervalEnd {
    const token = this.peek();
    if (token.type !== 'string') return this.operand('intervalEnd', () => this.parseAdditive());
    this.next();
    return token.value === '..' ? '..' : instantLiteral(token.value, 'either', this.failAt(token));
  }

  private parseBbox(name: Cql2Token): Cql2Geometry {
    this.next();
    const numbers = [this.parseSignedNumber()];
    while (this.acceptPunct(',')) numbers.push(this.parseSignedNumber());
    this.expectPunct(')', "expected ',' or ')' in BBOX");
    return bboxGeometry(numbers, this.failAt(name));
  }

  private parseSignedNumber(): number {
    const sign = this.peek();
    const negative = this.isPunct(sign, '-');
    if (negative || this.isPunct(sign, '+')) this.next();
    const token = this.peek();
    if (token.type !== 'number') return this.failAt(token)('expected a number');
    this.next();
    const value = Number(token.value) * (negative ? -1 : 1);
    if (!Number.isFinite(value)) this.failAt(token)('the number is out of range');
    return value === 0 ? 0 : value;
  }

  // --- WKT (OGC 06-103r4 as profiled by the CQL2 BNF) ----------------------------------------

  private parseWkt(name: Cql2Token, type: Geometry['type']): Cql2Geometry {
    const raw = this.parseWktBody(name, type);
    return { kind: 'geometry', geometry: geoJsonGeometry(raw, this.failAt(name), this.maxDepth) };
  }

  private parseWktBody(name: Cql2Token, type: Geometry['type']): Geometry {
    const modifier = this.peek();
    if (modifier.type === 'identifier' && WKT_MODIFIERS.has(modifier.value.toUpperCase())) {
      // Z only labels what the positions show anyway; measures (M) and EMPTY have no GeoJSON form.
      if (modifier.value.toUpperCase() !== 'Z') this.failAt(modifier)(`${modifier.value.toUpperCase()} geometries are not supported`);
      this.next();
    }
    switch (type) {
      case 'Point': {
        this.expectPunct('(', "expected '(' and a position");
        const coordinates = this.parsePosition();
        this.expectPunct(')', "expected ')' after the position");
        return { type, coordinates };
      }
      case 'LineString':
        return { type, coordinates: this.parsePositions() };
      case 'Polygon':
        return { type, coordinates: this.parseWktList(() => this.parsePositions()) };
      case 'MultiPoint':
        // Both `MULTIPOINT((1 2), (3 4))` (the BNF) and `MULTIPOINT(1 2, 3 4)` (common WKT) are read.
        return {
          type,
          coordinates: this.parseWktList(() => {
            if (!this.acceptPunct('(')) return this.parsePosition();
            const position = this.parsePosition();
            this.expectPunct(')', "expected ')' after the position");
            return position;
          }),
        };
      case 'MultiLineString':
        return { type, coordinates: this.parseWktList(() => this.parsePositions()) };
      case 'MultiPolygon':
        return { type, coordinates: this.parseWktList(() => this.parseWktList(() => this.parsePositions())) };
      case 'GeometryCollection': {
        this.enter(name);
        const geometries = this.parseWktList(() => {
          const member = this.peek();
          const memberType = member.type === 'identifier' ? WKT_TYPES.get(member.value.toUpperCase()) : undefined;
          if (!memberType) return this.failAt(member)('expected a geometry (POINT, LINESTRING, POLYGON, ...)');
          this.next();
          return this.parseWktBody(member, memberType);
        });
        this.leave();
        return { type, geometries };
      }
    }
  }

  /** `( item, item, .. )`. */
  private parseWktList<T>(item: () => T): T[] {
    this.expectPunct('(', "expected '('");
    const items = [item()];
    while (this.acceptPunct(',')) items.push(item());
    this.expectPunct(')', "expected ',' or ')'");
    return items;
  }

  private parsePositions(): Position[] {
    return this.parseWktList(() => this.parsePosition());
  }

  /** `x y` or `x y z`, separated by blanks. */
  private parsePosition(): Position {
    const position = [this.parseSignedNumber(), this.parseSignedNumber()];
    const next = this.peek();
    if (next.type === 'number' || this.isPunct(next, '-') || this.isPunct(next, '+')) position.push(this.parseSignedNumber());
    return position;
  }

  // --- Helpers -------------------------------------------------------------------------------

  /** Parses with `parse` and checks the result is of `category`, reporting at its first token. */
  private operand<C extends Cql2OperandCategory>(category: C, parse: () => Cql2Node) {
    const start = this.peek();
    return checkCql2Operand(parse(), category, this.failAt(start));
  }

  private peek(ahead = 0): Cql2Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Cql2Token;
  }

  private next(): Cql2Token {
    const token = this.peek();
    if (token.type !== 'end') this.pos += 1;
    return token;
  }

  private isKeyword(token: Cql2Token, word: string): boolean {
    return token.type === 'identifier' && token.value.toUpperCase() === word;
  }

  private isPunct(token: Cql2Token, punct: string): boolean {
    return token.type === 'punct' && token.value === punct;
  }

  private acceptPunct(punct: string): boolean {
    if (!this.isPunct(this.peek(), punct)) return false;
    this.next();
    return true;
  }

  private expectPunct(punct: string, problem: string): void {
    if (!this.acceptPunct(punct)) this.failAt(this.peek())(problem);
  }

  private expectKeyword(word: string, problem: string): void {
    if (!this.isKeyword(this.peek(), word)) this.failAt(this.peek())(problem);
    this.next();
  }

  /** Counts one level of nesting; refuses past the limit, before the JavaScript stack would. */
  private enter(token: Cql2Token): void {
    this.depth += 1;
    if (this.depth > this.maxDepth) this.failAt(token)(`the filter nests deeper than ${this.maxDepth} levels`);
  }

  private leave(): void {
    this.depth -= 1;
  }

  private failAt(token: Cql2Token): Cql2Fail {
    const text = token.text.length > 40 ? `${token.text.slice(0, 37)}...` : token.text;
    // Strings and quoted identifiers show their own quotes; other tokens get single quotes.
    const found =
      token.type === 'end' ? 'end of input' : token.type === 'string' || token.type === 'quoted' ? text : `'${text}'`;
    return (problem) => this.failAtOffset(token.offset, found, problem);
  }

  private failAtOffset(offset: number, found: string, problem: string): never {
    throw cql2Error(`Invalid CQL2 text at offset ${offset} (${found}): ${problem}`);
  }
}

function numberLiteral(value: number): Cql2NumberLiteral {
  // -0 would print as 0 and compare unequal to it in deep-equality tests; CQL2 has no use for it.
  return { kind: 'literal', type: 'number', value: value === 0 ? 0 : value };
}
