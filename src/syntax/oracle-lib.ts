// The type oracle's standard library: the few global types a payload's type goes through (arrays and
// their iteration, promises, typed arrays and blobs, message events, the utility types), instead of
// TypeScript's ES and DOM libraries, whose parse and bind cost ~0.5 s on the first question.
// A type this file lacks resolves to the error type, which the classifier reads as unknown: a missed
// finding, never a false one.
export const ORACLE_LIB_PATH = '/__rt-advisor__/lib.oracle.d.ts';

const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
];

export const ORACLE_LIB = `
interface Object { constructor: Function; toString(): string; valueOf(): Object; hasOwnProperty(v: PropertyKey): boolean; }
interface ObjectConstructor { (value?: any): any; keys(o: object): string[]; entries<T>(o: { [s: string]: T }): [string, T][]; values<T>(o: { [s: string]: T }): T[]; assign<T extends {}, U>(target: T, source: U): T & U; freeze<T>(o: T): Readonly<T>; }
declare var Object: ObjectConstructor;
interface Function { apply(this: Function, thisArg: any, argArray?: any): any; call(this: Function, thisArg: any, ...argArray: any[]): any; bind(this: Function, thisArg: any, ...argArray: any[]): any; readonly name: string; }
interface CallableFunction extends Function {}
interface NewableFunction extends Function {}
interface IArguments { [index: number]: any; length: number; callee: Function; }
interface String { readonly length: number; charAt(pos: number): string; indexOf(s: string): number; slice(start?: number, end?: number): string; split(separator: string | RegExp, limit?: number): string[]; trim(): string; toLowerCase(): string; toUpperCase(): string; startsWith(s: string): boolean; endsWith(s: string): boolean; includes(s: string): boolean; replace(p: string | RegExp, r: string): string; readonly [index: number]: string; [Symbol.iterator](): StringIterator<string>; }
interface StringConstructor { (value?: any): string; readonly prototype: String; }
declare var String: StringConstructor;
interface Boolean { valueOf(): boolean; }
interface BooleanConstructor { <T>(value?: T): boolean; }
declare var Boolean: BooleanConstructor;
interface Number { toFixed(fractionDigits?: number): string; toString(radix?: number): string; valueOf(): number; }
interface NumberConstructor { (value?: any): number; isFinite(n: unknown): boolean; isInteger(n: unknown): boolean; }
declare var Number: NumberConstructor;
interface Symbol { readonly description: string | undefined; }
interface SymbolConstructor { readonly iterator: unique symbol; readonly asyncIterator: unique symbol; (description?: string | number): symbol; }
declare var Symbol: SymbolConstructor;
interface RegExp { test(s: string): boolean; exec(s: string): RegExpExecArray | null; readonly source: string; }
interface RegExpExecArray extends Array<string> { index: number; input: string; }
interface TemplateStringsArray extends ReadonlyArray<string> { readonly raw: readonly string[]; }
interface Date { getTime(): number; toISOString(): string; }
interface DateConstructor { new (value?: number | string): Date; now(): number; }
declare var Date: DateConstructor;
interface Math { max(...values: number[]): number; min(...values: number[]): number; floor(x: number): number; round(x: number): number; random(): number; abs(x: number): number; }
declare var Math: Math;
interface JSON { parse(text: string, reviver?: (this: any, key: string, value: any) => any): any; stringify(value: any, replacer?: any, space?: string | number): string; }
declare var JSON: JSON;
interface Error { name: string; message: string; stack?: string; }
interface ErrorConstructor { new (message?: string): Error; (message?: string): Error; }
declare var Error: ErrorConstructor;
type PropertyKey = string | number | symbol;

interface IteratorYieldResult<TYield> { done?: false; value: TYield; }
interface IteratorReturnResult<TReturn> { done: true; value: TReturn; }
type IteratorResult<T, TReturn = any> = IteratorYieldResult<T> | IteratorReturnResult<TReturn>;
interface Iterator<T, TReturn = any, TNext = any> { next(...[value]: [] | [TNext]): IteratorResult<T, TReturn>; return?(value?: TReturn): IteratorResult<T, TReturn>; throw?(e?: any): IteratorResult<T, TReturn>; }
interface Iterable<T, TReturn = any, TNext = any> { [Symbol.iterator](): Iterator<T, TReturn, TNext>; }
interface IterableIterator<T, TReturn = any, TNext = any> extends Iterator<T, TReturn, TNext> { [Symbol.iterator](): IterableIterator<T, TReturn, TNext>; }
interface IteratorObject<T, TReturn = unknown, TNext = unknown> extends Iterator<T, TReturn, TNext> { [Symbol.iterator](): IteratorObject<T, TReturn, TNext>; }
type BuiltinIteratorReturn = intrinsic;
interface ArrayIterator<T> extends IteratorObject<T, BuiltinIteratorReturn, unknown> { [Symbol.iterator](): ArrayIterator<T>; }
interface MapIterator<T> extends IteratorObject<T, BuiltinIteratorReturn, unknown> { [Symbol.iterator](): MapIterator<T>; }
interface SetIterator<T> extends IteratorObject<T, BuiltinIteratorReturn, unknown> { [Symbol.iterator](): SetIterator<T>; }
interface StringIterator<T> extends IteratorObject<T, BuiltinIteratorReturn, unknown> { [Symbol.iterator](): StringIterator<T>; }
interface Generator<T = unknown, TReturn = any, TNext = any> extends IteratorObject<T, TReturn, TNext> { next(...[value]: [] | [TNext]): IteratorResult<T, TReturn>; [Symbol.iterator](): Generator<T, TReturn, TNext>; }
interface AsyncIterator<T, TReturn = any, TNext = any> { next(...[value]: [] | [TNext]): Promise<IteratorResult<T, TReturn>>; }
interface AsyncIterable<T, TReturn = any, TNext = any> { [Symbol.asyncIterator](): AsyncIterator<T, TReturn, TNext>; }
interface AsyncIterableIterator<T, TReturn = any, TNext = any> extends AsyncIterator<T, TReturn, TNext> { [Symbol.asyncIterator](): AsyncIterableIterator<T, TReturn, TNext>; }
interface AsyncIteratorObject<T, TReturn = unknown, TNext = unknown> extends AsyncIterator<T, TReturn, TNext> { [Symbol.asyncIterator](): AsyncIteratorObject<T, TReturn, TNext>; }
interface AsyncGenerator<T = unknown, TReturn = any, TNext = any> extends AsyncIteratorObject<T, TReturn, TNext> { [Symbol.asyncIterator](): AsyncGenerator<T, TReturn, TNext>; }

interface ReadonlyArray<T> {
  readonly length: number;
  readonly [n: number]: T;
  [Symbol.iterator](): ArrayIterator<T>;
  at(index: number): T | undefined;
  concat(...items: (T | ConcatArray<T>)[]): T[];
  entries(): ArrayIterator<[number, T]>;
  every(predicate: (value: T, index: number, array: readonly T[]) => unknown): boolean;
  filter<S extends T>(predicate: (value: T, index: number, array: readonly T[]) => value is S): S[];
  filter(predicate: (value: T, index: number, array: readonly T[]) => unknown): T[];
  find<S extends T>(predicate: (value: T, index: number, obj: readonly T[]) => value is S): S | undefined;
  find(predicate: (value: T, index: number, obj: readonly T[]) => unknown): T | undefined;
  findIndex(predicate: (value: T, index: number, obj: readonly T[]) => unknown): number;
  forEach(callbackfn: (value: T, index: number, array: readonly T[]) => void): void;
  includes(searchElement: T): boolean;
  indexOf(searchElement: T): number;
  join(separator?: string): string;
  keys(): ArrayIterator<number>;
  map<U>(callbackfn: (value: T, index: number, array: readonly T[]) => U): U[];
  reduce<U>(callbackfn: (previousValue: U, currentValue: T, currentIndex: number, array: readonly T[]) => U, initialValue: U): U;
  slice(start?: number, end?: number): T[];
  some(predicate: (value: T, index: number, array: readonly T[]) => unknown): boolean;
  values(): ArrayIterator<T>;
}
interface ConcatArray<T> { readonly length: number; readonly [n: number]: T; join(separator?: string): string; slice(start?: number, end?: number): T[]; }
interface Array<T> {
  length: number;
  [n: number]: T;
  [Symbol.iterator](): ArrayIterator<T>;
  at(index: number): T | undefined;
  concat(...items: (T | ConcatArray<T>)[]): T[];
  entries(): ArrayIterator<[number, T]>;
  every(predicate: (value: T, index: number, array: T[]) => unknown): boolean;
  fill(value: T, start?: number, end?: number): this;
  filter<S extends T>(predicate: (value: T, index: number, array: T[]) => value is S): S[];
  filter(predicate: (value: T, index: number, array: T[]) => unknown): T[];
  find<S extends T>(predicate: (value: T, index: number, obj: T[]) => value is S): S | undefined;
  find(predicate: (value: T, index: number, obj: T[]) => unknown): T | undefined;
  findIndex(predicate: (value: T, index: number, obj: T[]) => unknown): number;
  flatMap<U>(callback: (value: T, index: number, array: T[]) => U | ReadonlyArray<U>): U[];
  forEach(callbackfn: (value: T, index: number, array: T[]) => void): void;
  includes(searchElement: T): boolean;
  indexOf(searchElement: T): number;
  join(separator?: string): string;
  keys(): ArrayIterator<number>;
  map<U>(callbackfn: (value: T, index: number, array: T[]) => U): U[];
  pop(): T | undefined;
  push(...items: T[]): number;
  reduce<U>(callbackfn: (previousValue: U, currentValue: T, currentIndex: number, array: T[]) => U, initialValue: U): U;
  reverse(): T[];
  shift(): T | undefined;
  slice(start?: number, end?: number): T[];
  some(predicate: (value: T, index: number, array: T[]) => unknown): boolean;
  sort(compareFn?: (a: T, b: T) => number): this;
  splice(start: number, deleteCount?: number, ...items: T[]): T[];
  unshift(...items: T[]): number;
  values(): ArrayIterator<T>;
}
interface ArrayConstructor { new <T>(...items: T[]): T[]; <T>(...items: T[]): T[]; isArray(arg: any): arg is any[]; from<T>(iterable: Iterable<T> | ArrayLike<T>): T[]; of<T>(...items: T[]): T[]; }
declare var Array: ArrayConstructor;
interface ArrayLike<T> { readonly length: number; readonly [n: number]: T; }

interface Map<K, V> { get(key: K): V | undefined; set(key: K, value: V): this; has(key: K): boolean; delete(key: K): boolean; clear(): void; forEach(callbackfn: (value: V, key: K, map: Map<K, V>) => void): void; readonly size: number; keys(): MapIterator<K>; values(): MapIterator<V>; entries(): MapIterator<[K, V]>; [Symbol.iterator](): MapIterator<[K, V]>; }
interface MapConstructor { new <K, V>(entries?: readonly (readonly [K, V])[] | Iterable<readonly [K, V]> | null): Map<K, V>; }
declare var Map: MapConstructor;
interface ReadonlyMap<K, V> { get(key: K): V | undefined; has(key: K): boolean; readonly size: number; values(): IterableIterator<V>; }
interface Set<T> { add(value: T): this; has(value: T): boolean; delete(value: T): boolean; clear(): void; forEach(callbackfn: (value: T, value2: T, set: Set<T>) => void): void; readonly size: number; values(): SetIterator<T>; [Symbol.iterator](): SetIterator<T>; }
interface SetConstructor { new <T = any>(values?: readonly T[] | Iterable<T> | null): Set<T>; }
declare var Set: SetConstructor;
interface ReadonlySet<T> { has(value: T): boolean; readonly size: number; values(): IterableIterator<T>; }
interface WeakMap<K extends object, V> { get(key: K): V | undefined; set(key: K, value: V): this; has(key: K): boolean; }

interface PromiseLike<T> { then<R1 = T, R2 = never>(onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null): PromiseLike<R1 | R2>; }
interface Promise<T> {
  then<R1 = T, R2 = never>(onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2>;
  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R>;
  finally(onfinally?: (() => void) | null): Promise<T>;
}
interface PromiseConstructor { new <T>(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: any) => void) => void): Promise<T>; resolve<T>(value: T): Promise<Awaited<T>>; resolve(): Promise<void>; all<T>(values: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]>; }
declare var Promise: PromiseConstructor;
type Awaited<T> = T extends null | undefined ? T : T extends object & { then(onfulfilled: infer F, ...args: infer _): any } ? F extends (value: infer V, ...args: infer _) => any ? Awaited<V> : never : T;

type Partial<T> = { [P in keyof T]?: T[P] };
type Required<T> = { [P in keyof T]-?: T[P] };
type Readonly<T> = { readonly [P in keyof T]: T[P] };
type Pick<T, K extends keyof T> = { [P in K]: T[P] };
type Record<K extends keyof any, T> = { [P in K]: T };
type Exclude<T, U> = T extends U ? never : T;
type Extract<T, U> = T extends U ? T : never;
type Omit<T, K extends keyof any> = Pick<T, Exclude<keyof T, K>>;
type NonNullable<T> = T & {};
type Parameters<T extends (...args: any) => any> = T extends (...args: infer P) => any ? P : never;
type ConstructorParameters<T extends abstract new (...args: any) => any> = T extends abstract new (...args: infer P) => any ? P : never;
type ReturnType<T extends (...args: any) => any> = T extends (...args: any) => infer R ? R : any;
type InstanceType<T extends abstract new (...args: any) => any> = T extends abstract new (...args: any) => infer R ? R : any;
type Uppercase<S extends string> = intrinsic;
type Lowercase<S extends string> = intrinsic;
type Capitalize<S extends string> = intrinsic;
type Uncapitalize<S extends string> = intrinsic;

interface ArrayBuffer { readonly byteLength: number; slice(begin?: number, end?: number): ArrayBuffer; }
declare var ArrayBuffer: { new (byteLength: number): ArrayBuffer; isView(arg: any): arg is ArrayBufferView; };
interface SharedArrayBuffer { readonly byteLength: number; }
interface ArrayBufferView { buffer: ArrayBuffer; byteLength: number; byteOffset: number; }
interface DataView extends ArrayBufferView { getUint8(byteOffset: number): number; setUint8(byteOffset: number, value: number): void; }
declare var DataView: { new (buffer: ArrayBuffer, byteOffset?: number, byteLength?: number): DataView };
interface TypedArray<Self> extends ArrayBufferView { readonly length: number; [index: number]: number; [Symbol.iterator](): ArrayIterator<number>; set(array: ArrayLike<number>, offset?: number): void; subarray(begin?: number, end?: number): Self; slice(start?: number, end?: number): Self; }
interface TypedArrayConstructor<Self> { new (lengthOrData?: number | ArrayLike<number> | ArrayBuffer, byteOffset?: number, length?: number): Self; from(arrayLike: ArrayLike<number> | Iterable<number>): Self; }
${TYPED_ARRAYS.map((n) => `interface ${n} extends TypedArray<${n}> {}\ndeclare var ${n}: TypedArrayConstructor<${n}>;`).join('\n')}

interface Blob { readonly size: number; readonly type: string; slice(start?: number, end?: number, contentType?: string): Blob; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer>; }
declare var Blob: { new (blobParts?: any[], options?: { type?: string }): Blob };
interface File extends Blob { readonly name: string; readonly lastModified: number; }
interface Event { readonly type: string; preventDefault(): void; stopPropagation(): void; }
interface MessageEvent<T = any> extends Event { readonly data: T; readonly origin: string; readonly lastEventId: string; }
interface BlobEvent extends Event { readonly data: Blob; readonly timecode: number; }
interface CloseEvent extends Event { readonly code: number; readonly reason: string; readonly wasClean: boolean; }
declare function setTimeout(handler: (...args: any[]) => void, timeout?: number, ...args: any[]): number;
declare function setInterval(handler: (...args: any[]) => void, timeout?: number, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function clearInterval(id: number | undefined): void;
`;
