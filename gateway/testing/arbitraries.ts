/** fast-check arbitraries shared by the gateway's property tests. */
import fc from 'fast-check';

/** Arrays of up to 20 strings or nulls; the strings without U+0000, which PostgreSQL text cannot hold. */
export const nullableTextArrays = (): fc.Arbitrary<Array<string | null>> =>
  fc.array(
    fc.option(
      fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\u0000', '')),
      { nil: null },
    ),
    { maxLength: 20 },
  );
