// The in-memory Excel, checked by the compiler against @types/office-js. Each fake class in api.ts declares the
// Office.js interface it imitates (`implements Imitates<Excel.Range, RangeApi, ...>`), so a member named or typed
// unlike Office.js's fails to compile instead of drifting silently. Types only: nothing here exists at run time.

/**
 * Which fake stands for which Office.js object, as pairs such as `[Excel.Range, RangeApi]`: where Office.js hands out
 * or takes one of its objects, the fake hands out or takes the fake that stands for it.
 */
export type FakePairs = [unknown, unknown];

type FakeFor<P extends FakePairs, R> = R extends unknown
  ? [Extract<P, [R, unknown]>] extends [never]
    ? R
    : Extract<P, [R, unknown]>[1]
  : never;

/** A method signature: parameters compare as TypeScript compares a method's (bivariantly), so a fake may take less. */
type Method<A extends unknown[], Ret> = { method(...args: A): Ret }["method"];

type FakeParams<P extends FakePairs, A extends unknown[]> = Extract<{ [I in keyof A]: FakeFor<P, A[I]> }, unknown[]>;

/**
 * The type a fake's value `F` must have where Office.js declares `R`. Office.js objects with a fake class become that
 * class; other Office.js objects and plain interfaces, which the fake builds as plain objects, are compared member by
 * member, each of the fake's members having to exist in Office.js; methods keep Office.js's parameters (of its last
 * overload, the string-literal one) with Office.js objects replaced by fakes; anything else is Office.js's type itself.
 */
export type AsOffice<P extends FakePairs, F, R> = unknown extends R ? R : Defined<P, F, R>;

type Defined<P extends FakePairs, F, R> = R extends (...args: infer A) => infer Ret
  ? Method<FakeParams<P, A>, F extends (...args: never) => infer FRet ? AsOffice<P, FRet, Ret> : Ret>
  : R extends Promise<infer V>
    ? Promise<AsOffice<P, F extends Promise<infer FV> ? FV : F, V>>
    : R extends readonly (infer E)[]
      ? AsOffice<P, F extends readonly (infer FE)[] ? FE : F, E>[]
      : R extends P[0]
        ? FakeFor<P, R>
        : R extends object
          ? F extends object
            ? { [K in keyof F]: Member<P, F, R, K> }
            : R
          : R;

type Member<P extends FakePairs, F, R, K extends keyof F> = K extends keyof R
  ? AsOffice<P, F[K], R[K]>
  : `${K & string}: not a member of Office.js`;

// Office.js's last load overload takes LoadOption objects ({ select: [...] }, top, skip); the fake takes property names
// only (a string, a list, or { select: "a,b" }), so its load is checked against Office.js's property-names overload.
type Load<P extends FakePairs, R> = Method<[propertyNames?: string | string[]], FakeFor<P, R>>;

/**
 * What a fake F promises by implementing `Imitation<P, Excel.Y, F, Internal, OwnReturn>`: every public member of F
 * other than its `Internal` plumbing (names Office.js does not use) is a member of Excel.Y, with a compatible type
 * (see AsOffice). Members listed in `OwnReturn` deliberately return something else: only their parameters are checked.
 */
export type Imitation<
  P extends FakePairs,
  R,
  F,
  Internal extends Exclude<keyof F, keyof R> = never,
  OwnReturn extends keyof F & keyof R = never,
> = {
  [K in Exclude<keyof F, Internal>]: K extends "load"
    ? Load<P, R>
    : K extends OwnReturn
      ? R[K] extends (...args: infer A) => unknown
        ? Method<FakeParams<P, A>, unknown>
        : never
      : Member<P, F, R, K>;
};
